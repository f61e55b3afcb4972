/**
 * The artifact format: a saved target model is one zip holding a manifest (format version, provider, library
 * versions), the options, the provenance (source model, layers, dataset digest, seed, platform), the provider's
 * payload as plain little-endian typed arrays, and optionally the source model itself. Files are written to a
 * temporary file beside the target and renamed into place, so a failed save never damages an earlier file.
 */
package org.xfer4j.core.artifact;
