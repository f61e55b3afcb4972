/**
 * Fetches packages from the registries this project uses (npm through the npm client, Maven artifacts through the
 * local repository or the Maven client) into a cache, once, with atomic renames so a cancelled fetch leaves nothing
 * half-written.
 */
package org.xfer4j.data.registry;
