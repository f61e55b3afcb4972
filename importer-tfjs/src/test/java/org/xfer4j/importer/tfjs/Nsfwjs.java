package org.xfer4j.importer.tfjs;

import java.nio.file.Path;
import org.xfer4j.data.registry.NpmPackages;

/** The real TF.js models of npm nsfwjs@4.3.0, fetched into the test cache. */
final class Nsfwjs {

    private Nsfwjs() {
    }

    /** The bundled MobileNetV2 (224x224) model file. */
    static Path mobileNetV2Bundle() {
        return new NpmPackages(TfjsReference.CACHE).fetch("nsfwjs@4.3.0")
                .resolve("dist/models/mobilenet_v2/model.min.js");
    }
}
