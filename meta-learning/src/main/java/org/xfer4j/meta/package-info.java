/** Meta-learners (Leap, Reptile, FOMAML, MAML) and the task distributions they meta-train over. */
package org.xfer4j.meta;
