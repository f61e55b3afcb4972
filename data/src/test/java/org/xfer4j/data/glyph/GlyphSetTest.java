package org.xfer4j.data.glyph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.testkit.Prerequisites;

/** The glyph set drawn from Debian's fonts: a few alphabets, so each test draws a few hundred images. */
@Tag("debian")
class GlyphSetTest {

    /** Three background alphabets (two sharing look-alikes with Latin) and one evaluation alphabet. */
    private static final String SMALL = "scripts=latin+greek+runic+ogham,samples=4";

    private static void requireFonts() {
        Prerequisites.require(FontPool.PACKAGES.keySet().stream()
                .allMatch(f -> Files.isDirectory(GlyphOptions.DEBIAN_FONTS.resolve(f))),
                "Debian font packages: apt-get install fonts-noto-core fonts-freefont-ttf fonts-dejavu-core "
                        + "fonts-dejavu-extra");
    }

    @Test
    void theSameSeedDrawsTheSameBytesAndAnotherSeedOthers(@TempDir Path a, @TempDir Path b) throws Exception {
        requireFonts();
        GlyphDataset first = GlyphSet.open(GlyphOptions.parse(SMALL), a, Progress.NONE);
        GlyphDataset again = GlyphSet.open(GlyphOptions.parse(SMALL), b, Progress.NONE);
        assertThat(again.folder().getFileName()).isEqualTo(first.folder().getFileName()); // the content key
        byte[] images = Files.readAllBytes(first.folder().resolve(GlyphSet.IMAGES));
        assertThat(Files.readAllBytes(again.folder().resolve(GlyphSet.IMAGES))).isEqualTo(images);
        assertThat(Files.readString(first.folder().resolve(GlyphSet.MANIFEST)))
                .contains("images.sha256=" + GlyphSet.sha256(java.util.Arrays.copyOfRange(images, 16, images.length)))
                .contains("font.NotoSansRunic-Regular.ttf=");
        GlyphDataset reseeded = GlyphSet.open(GlyphOptions.parse(SMALL + ",seed=2"), a, Progress.NONE);
        assertThat(reseeded.folder()).isNotEqualTo(first.folder());
        assertThat(reseeded.classes()).isEqualTo(first.classes());
        assertThat(((Sample.Image) reseeded.sample(0)).pixels()).isNotEqualTo(((Sample.Image) first.sample(0))
                .pixels());
        // opening again reuses the cache: no new folder
        GlyphSet.open(GlyphOptions.parse(SMALL), a, Progress.NONE);
        try (var folders = Files.list(a.resolve("datasets"))) {
            assertThat(folders.count()).isEqualTo(2);
        }
    }

    @Test
    void eachLetterIsAClassWithoutLookAlikesAndAlphabetsAreItsGroups(@TempDir Path cache) {
        requireFonts();
        GlyphDataset g = GlyphSet.open(GlyphOptions.parse(SMALL), cache, Progress.NONE);
        // A-Z; the 24 Greek capitals less the 14 drawn as Latin ones (A B E Z H I K M N O P T Y X); 75 runes of
        // U+16A0-16EA less none; 26 Ogham letters: what the fonts draw here
        int[] perAlphabet = new int[4];
        for (int c = 0; c < g.classes().size(); c++) {
            perAlphabet[g.groups().indexOf(g.group(c))]++;
        }
        assertThat(g.groups()).containsExactly("latin", "greek", "runic", "ogham");
        assertThat(perAlphabet).containsExactly(26, 10, 75, 26);
        assertThat(g.evaluationGroups()).containsExactly("ogham");
        assertThat(g.classes()).contains("greek Ω U+03A9", "latin A U+0041").doesNotContain("greek Α U+0391");
        assertThat(g.size()).isEqualTo(137 * 4);
        assertThat(g.label(4 * 26)).isEqualTo(26);
        assertThat(g.name()).isEqualTo("glyphs:scripts=latin+greek+runic+ogham,samples=4");
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < g.size(); i++) {
            Sample.Image image = (Sample.Image) g.sample(i);
            assertThat(image.width()).isEqualTo(28);
            int ink = 0;
            int max = 0;
            for (byte p : image.pixels()) {
                ink += (p & 0xff) > 127 ? 1 : 0;
                max = Math.max(max, p & 0xff);
            }
            // white on black, the glyph neither vanished nor flooded the square: a thinned rune (one vertical
            // stroke, ticks of a pixel) keeps 10 pixels above half intensity, its brightest at 191; a bold Latin M
            // has some 250 pixels above half
            assertThat(ink).as("inked pixels of %s", g.classes().get(g.label(i))).isBetween(5, 500);
            assertThat(max).as("brightest pixel of %s", g.classes().get(g.label(i))).isGreaterThan(150);
            distinct.add(java.util.Arrays.toString(image.pixels()));
        }
        assertThat(distinct).as("every sample differs (fonts and distortions)").hasSize(g.size());
    }

    @Test
    void badOptionsAndMissingFontsAreErrorsNamingThem() {
        assertThatThrownBy(() -> DataSpecs.validate("glyphs:sampels=4")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("sampels");
        assertThatThrownBy(() -> GlyphOptions.parse("scripts=latin+klingon")).isInstanceOf(
                InvalidOptionException.class).hasMessageContaining("klingon").hasMessageContaining("runic");
        assertThatThrownBy(() -> GlyphOptions.parse("size=4")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("size=4");
        assertThatThrownBy(() -> GlyphOptions.parse("samples")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> GlyphOptions.parse("seed=one")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("seed=one");
        assertThatThrownBy(() -> DataSpecs.resolve("glyphs:fonts=/no/such/fonts", Path.of("target/unused")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("/no/such/fonts")
                .hasMessageContaining("apt-get install");
        assertThat(GlyphOptions.parse("").toProperties()).isEqualTo(GlyphOptions.defaults().toProperties());
        assertThat(GlyphOptions.fromProperties(GlyphOptions.parse(SMALL).toProperties()))
                .isEqualTo(GlyphOptions.parse(SMALL));
        assertThat(Scripts.named(List.of("evaluation"))).hasSize(20).allMatch(Script::evaluation);
        assertThat(Scripts.named(List.of("background"))).hasSize(30).noneMatch(Script::evaluation);
    }
}
