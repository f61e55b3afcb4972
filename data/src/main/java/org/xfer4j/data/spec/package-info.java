/** The data names the command line, study files and host applications accept, resolved to datasets. */
package org.xfer4j.data.spec;
