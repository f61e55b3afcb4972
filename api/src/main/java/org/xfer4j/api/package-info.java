/** Provider base types, the SPI version, typed options and the context the host gives providers. */
package org.xfer4j.api;
