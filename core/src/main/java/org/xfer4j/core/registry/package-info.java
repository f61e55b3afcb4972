/**
 * Finds providers: built-in ones on the boot layer and class path, and third-party ones in the plugins folder,
 * each jar or folder loaded into its own module layer; problems are reported per plugin and never stop the host.
 */
package org.xfer4j.core.registry;
