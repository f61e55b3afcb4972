/**
 * One JSON parser for the project: JSON Lines datasets and TensorFlow.js model files (which minifiers may turn into
 * JavaScript object literals) are read by the same code.
 */
package org.xfer4j.data.json;
