package org.xfer4j.data.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackagesTest {

    @TempDir
    Path cache;

    @Tag("network")
    @Test
    void fetchesAndUnpacksARealPackageOnce() throws Exception {
        NpmPackages npm = new NpmPackages(cache);
        Path pkg = npm.fetch("is-number@7.0.0");
        assertThat(pkg.resolve("package.json")).content().contains("\"name\": \"is-number\"");
        assertThat(pkg.resolve("index.js")).exists();
        long stamp = Files.getLastModifiedTime(pkg.resolve("package.json")).toMillis();
        assertThat(npm.fetch("is-number@7.0.0")).isEqualTo(pkg);
        assertThat(Files.getLastModifiedTime(pkg.resolve("package.json")).toMillis()).isEqualTo(stamp);
    }

    @Test
    void refusesNamesOutsideNpmsGrammarBeforeRunningNpm() {
        for (String bad : new String[] {"../x@1.0.0", "@../x@1.0.0", ".hidden@1.0.0", "_under@1.0.0",
                "Upper@1.0.0", "a/b@1.0.0", "x@1.0", "x@../../1.0.0", "@s/x/y@1.0.0"}) {
            assertThatThrownBy(() -> new NpmPackages(cache).fetch(bad)).as(bad)
                    .isInstanceOf(FetchException.class).hasMessageContaining("name@exact.version");
        }
        assertThatThrownBy(() -> Fetching.offline("allow it", () -> new NpmPackages(cache).fetch("is-odd@3.0.1")))
                .isInstanceOf(FetchException.class).hasMessageContaining("npm package is-odd@3.0.1")
                .hasMessageContaining("fetching it was not allowed; allow it");
    }

    @Test
    void refusesSpecsWithoutExactVersion() {
        assertThatThrownBy(() -> new NpmPackages(cache).fetch("is-number"))
                .isInstanceOf(FetchException.class).hasMessageContaining("name@exact.version");
    }

    @Test
    void namesThePackageTheRegistryDoesNotHave() {
        assertThatThrownBy(() -> new NpmPackages(cache).fetch("is-number@999.0.0"))
                .isInstanceOf(FetchException.class).hasMessageContaining("is-number@999.0.0");
        assertThat(cache.resolve("npm/is-number@999.0.0")).doesNotExist();
    }
}
