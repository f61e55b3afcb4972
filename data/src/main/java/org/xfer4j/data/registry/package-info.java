/**
 * Fetches packages from the registries this project uses, in-process (npm tarballs over HTTP with their integrity
 * checked, Maven artifacts through the local repository and Maven Resolver) into a cache, once, with atomic renames
 * so a cancelled fetch leaves nothing half-written.
 */
package org.xfer4j.data.registry;
