package org.xfer4j.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.util.List;
import java.util.Set;
import org.xfer4j.api.Provider;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.core.features.FeatureCache;
import org.xfer4j.core.registry.PluginLoader;
import org.xfer4j.core.registry.Registry;

/**
 * The Guice bindings of the host: the {@link ProviderContext}, the {@link PluginLoader}, the {@link Registry}
 * (built-in providers, plugins, and any provider a host module adds to the {@code Set<Provider>} multibinding) and
 * the {@link FeatureCache} under the cache folder. Host applications replace any of them through
 * {@link Xfer.Builder#optModule}.
 */
public final class XferModule extends AbstractModule {

    private final XferSettings settings;

    /** Bindings for {@code settings}. */
    public XferModule(XferSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(ProviderContext.class).toInstance(settings.context());
        bind(XferSettings.class).toInstance(settings);
        // host modules add providers with Multibinder.newSetBinder(binder(), Provider.class).addBinding()
        Multibinder.newSetBinder(binder(), Provider.class);
    }

    @Provides
    @Singleton
    PluginLoader pluginLoader() {
        return PluginLoader.forHost();
    }

    @Provides
    @Singleton
    Registry registry(Set<Provider> hostProviders, PluginLoader loader) {
        return Registry.load(settings.pluginsDir(), List.copyOf(hostProviders), loader, settings.pluginTimeout());
    }

    @Provides
    @Singleton
    FeatureCache featureCache(ProviderContext context) {
        return new FeatureCache(context.cacheDir().resolve("features"));
    }
}
