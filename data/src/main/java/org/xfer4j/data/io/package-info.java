/** Writing files users keep: atomically, with ordinary permissions. */
package org.xfer4j.data.io;
