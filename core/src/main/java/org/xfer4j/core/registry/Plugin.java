package org.xfer4j.core.registry;

import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * One jar or folder of the plugins directory: loaded into its own module layer (or, when the host itself runs on
 * the class path, its own class loader), or failed with a reason.
 *
 * @param name the jar or folder name
 * @param path the jar or folder
 * @param layer its module layer, or null when it has none
 * @param loader its class loader, or null when it failed
 * @param failure why it could not be loaded, or null
 */
public record Plugin(String name, Path path, ModuleLayer layer, ClassLoader loader, String failure) {

    static Plugin inLayer(Path path, ModuleLayer layer, ClassLoader loader) {
        return new Plugin(path.getFileName().toString(), path, layer, loader, null);
    }

    static Plugin onClassLoader(Path path, ClassLoader loader) {
        return new Plugin(path.getFileName().toString(), path, null, loader, null);
    }

    static Plugin failed(Path path, String failure) {
        return new Plugin(path.getFileName().toString(), path, null, null, failure);
    }

    /** Whether it was loaded. */
    public boolean loaded() {
        return failure == null;
    }

    /** The providers of {@code service} that this plugin itself declares (not those of the layers beneath it). */
    <S> Stream<ServiceLoader.Provider<S>> providers(Class<S> service) {
        if (!loaded()) {
            return Stream.empty();
        }
        if (layer != null) {
            return ServiceLoader.load(layer, service).stream()
                    .filter(p -> p.type().getModule().getLayer() == layer);
        }
        return ServiceLoader.load(service, loader).stream().filter(p -> p.type().getClassLoader() == loader);
    }
}
