/**
 * The artifact format: a saved target model is one zip holding a manifest (format version, provider, library
 * versions), the options, the provenance (source model, layers, dataset digest, seed, platform), the provider's
 * payload as plain little-endian typed arrays, and optionally the source model itself. Files are written to a
 * temporary file beside the target and renamed into place, so a failed save never damages an earlier file.
 * Optional sections sit beside the manifest: {@code tuning.properties} (the hyper-parameter search that chose the
 * options; a record only, so format-2 files may carry it) and {@code calibration.properties} (a temperature applied
 * to every prediction, which a format-2 reader would silently skip: files holding it are format 3). Each version
 * reads every older one; a newer one is refused by name.
 */
package org.xfer4j.core.artifact;
