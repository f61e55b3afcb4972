package org.xfer4j.data.glyph;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;

/**
 * How the glyph set is drawn: which alphabets ({@code scripts}, joined by '+'), the image side in pixels, samples per
 * character, the seed of the fonts' order and the distortions, how strong the distortions are (0 none, 1 the usual),
 * and the folder holding Debian's font package folders (noto, freefont, dejavu).
 */
public record GlyphOptions(List<String> scripts, int size, int samples, long seed, double distortion, Path fonts) {

    /** The name of the dataset on the command line. */
    public static final String NAME = "glyphs";
    /** Where Debian installs TrueType fonts. */
    public static final Path DEBIAN_FONTS = Path.of("/usr/share/fonts/truetype");

    public GlyphOptions {
        scripts = List.copyOf(scripts);
        InvalidOptionException.require(!scripts.isEmpty(), "option scripts of glyphs names no script");
        Scripts.named(scripts); // unknown names fail here
        InvalidOptionException.require(size >= 8 && size <= 256, "option size=" + size
                + " of glyphs must be between 8 and 256 pixels");
        InvalidOptionException.require(samples >= 2 && samples <= 1000, "option samples=" + samples
                + " of glyphs must be between 2 and 1000 per character");
        InvalidOptionException.require(distortion >= 0 && distortion <= 3, "option distortion=" + distortion
                + " of glyphs must be between 0 (none) and 3");
    }

    /** Every alphabet, 28x28 pixels as Omniglot is used downsampled, 20 samples per character as Omniglot has. */
    public static GlyphOptions defaults() {
        return new GlyphOptions(List.of("all"), 28, 20, 1, 1.0, DEBIAN_FONTS);
    }

    /**
     * Options from key=value properties, the defaults for absent keys.
     *
     * @throws InvalidOptionException naming an unknown key or a bad value
     */
    public static GlyphOptions fromProperties(Map<String, String> p) {
        GlyphOptions d = defaults();
        OptionReader r = OptionReader.of(NAME, p);
        GlyphOptions o = new GlyphOptions(Arrays.asList(r.getString("scripts", String.join("+", d.scripts()))
                .split("\\+")), r.getInt("size", d.size()), r.getInt("samples", d.samples()),
                r.getLong("seed", d.seed()), r.getDouble("distortion", d.distortion()),
                Path.of(r.getString("fonts", d.fonts().toString())));
        r.finish();
        return o;
    }

    /**
     * The options of a spec's tail: comma-separated key=value pairs, such as "scripts=latin+greek,samples=10"; empty
     * gives the defaults.
     *
     * @throws InvalidOptionException naming a pair that is not key=value, an unknown key or a bad value
     */
    public static GlyphOptions parse(String tail) {
        Map<String, String> p = new LinkedHashMap<>();
        if (tail != null && !tail.isBlank()) {
            for (String pair : tail.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidOptionException("glyphs option '" + pair + "' is not key=value (such as "
                            + "glyphs:scripts=latin+greek,samples=10)");
                }
                p.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return fromProperties(p);
    }

    /** The options as key=value properties. */
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scripts", String.join("+", scripts));
        m.put("size", Integer.toString(size));
        m.put("samples", Integer.toString(samples));
        m.put("seed", Long.toString(seed));
        m.put("distortion", Double.toString(distortion));
        m.put("fonts", fonts.toString());
        return m;
    }
}
