/** The picocli commands of the xfer4j command line and their shared options. */
package org.xfer4j.cli;
