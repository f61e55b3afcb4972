package org.xfer4j.data.glyph;

import java.awt.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.xfer4j.api.Progress;
import org.xfer4j.data.image.IdxFile;
import org.xfer4j.data.registry.CacheDirs;
import org.xfer4j.data.registry.FetchException;

/**
 * Makes the glyph set once and caches it: picks the characters of the chosen alphabets that some font draws (dropping
 * a character that looks like one already taken, such as Cyrillic А after Latin A), draws each one {@code samples}
 * times, cycling through the fonts that have it in a seeded order, each time with a seeded {@link Distortion}, and
 * writes the images (IDX), the classes and a manifest into a cache folder named by the SHA-256 of everything that
 * decides the pixels: the options, each alphabet's candidate letters, the JDK version and every font file's SHA-256. The same key gives the same bytes.
 */
public final class GlyphSet {

    /** Bumped whenever drawing changes, so old caches are not reused. */
    static final int VERSION = 1;
    /** Two characters whose plain renderings in a shared reference font differ by less than this mean absolute
     * intensity (0-255) look alike: measured, homoglyphs such as Latin A / Greek Alpha differ by 0, and the closest
     * distinct letters kept (e.g. Runic forms differing by one short stroke) by more than 6. */
    static final double ALIKE = 3.0;

    static final String IMAGES = "images.idx";
    static final String CLASSES = "classes.tsv";
    static final String MANIFEST = "manifest.txt";

    private GlyphSet() {
    }

    /** One character of the set, with the fonts it is drawn with. */
    record Glyph(Script script, int codePoint, List<FontPool.Face> faces) {
    }

    /**
     * The glyph set of {@code options}, drawn into {@code cacheDir} on first use (reporting to {@code progress}).
     *
     * @throws org.xfer4j.api.InvalidInputException when a font folder is missing, naming the Debian packages
     */
    public static GlyphDataset open(GlyphOptions options, Path cacheDir, Progress progress) {
        FontPool pool = FontPool.load(options.fonts());
        Path dir = cacheDir.resolve("datasets").resolve("glyphs-" + key(options, pool).substring(0, 16));
        try {
            CacheDirs.ensure(dir, d -> make(options, pool, d, progress));
        } catch (IOException e) {
            throw new FetchException("cannot write the glyph set into " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while drawing the glyph set", e);
        }
        return GlyphDataset.read(dir, options, cacheDir);
    }

    /** The SHA-256 of everything that decides the pixels, hex. */
    static String key(GlyphOptions o, FontPool pool) {
        StringBuilder b = new StringBuilder("glyphs v").append(VERSION).append('\n');
        Scripts.named(o.scripts()).forEach(s -> b.append(s.name()).append(' ').append(s.letters()).append('\n'));
        b.append("size ").append(o.size()).append(" samples ").append(o.samples()).append(" seed ").append(o.seed())
                .append(" distortion ").append(o.distortion()).append('\n');
        b.append("java ").append(Runtime.version()).append('\n');
        pool.faces().forEach(f -> b.append(f.file()).append(' ').append(f.sha256()).append('\n'));
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The characters to draw, alphabet by alphabet, without look-alikes; their number reported to progress. */
    static List<Glyph> choose(List<Script> scripts, FontPool pool, int size, Map<String, String> dropped,
            Progress progress) {
        List<Glyph> out = new ArrayList<>();
        GlyphRenderer renderer = new GlyphRenderer(size);
        Map<String, List<byte[]>> plainByFont = new LinkedHashMap<>(); // reference font -> renderings kept
        Map<String, List<Glyph>> ownerByFont = new LinkedHashMap<>();
        int candidates = scripts.stream().mapToInt(s -> s.letters().size()).sum();
        progress.start("choosing glyph characters", candidates);
        for (Script script : scripts) {
            for (int cp : script.letters()) {
                progress.advance(1);
                List<FontPool.Face> faces = pool.covering(cp).stream()
                        .filter(f -> GlyphRenderer.outline(f.font(), cp) != null).toList();
                if (faces.isEmpty()) {
                    continue;
                }
                Glyph g = new Glyph(script, cp, faces);
                Map<String, byte[]> plain = new LinkedHashMap<>();
                Glyph twin = null;
                for (FontPool.Face f : faces) {
                    if (!FontPool.REFERENCE.contains(f.file())) {
                        continue;
                    }
                    byte[] image = renderer.render(GlyphRenderer.outline(f.font(), cp), Distortion.NONE);
                    plain.put(f.file(), image);
                    List<byte[]> kept = plainByFont.getOrDefault(f.file(), List.of());
                    for (int k = 0; k < kept.size() && twin == null; k++) {
                        if (alike(image, kept.get(k))) {
                            twin = ownerByFont.get(f.file()).get(k);
                        }
                    }
                }
                if (twin != null) {
                    dropped.put(name(g), name(twin));
                    continue;
                }
                plain.forEach((font, image) -> {
                    plainByFont.computeIfAbsent(font, x -> new ArrayList<>()).add(image);
                    ownerByFont.computeIfAbsent(font, x -> new ArrayList<>()).add(g);
                });
                out.add(g);
            }
        }
        progress.finish();
        return out;
    }

    /** Sample {@code s} of {@code g}: its font and distortion depend on the seed, the character and s alone. */
    static byte[] sample(Glyph g, int s, GlyphOptions o, GlyphRenderer renderer, Shape[] outlines, int[] fontOrder) {
        int f = fontOrder[s % fontOrder.length];
        if (outlines[f] == null) {
            outlines[f] = GlyphRenderer.outline(g.faces().get(f).font(), g.codePoint());
        }
        SplittableRandom random = new SplittableRandom(mix(o.seed(), g.codePoint(), s + 1));
        return renderer.render(outlines[f], Distortion.draw(random, o.distortion()));
    }

    /** The fonts of {@code g} in a seeded order, so samples cycle through all of them. */
    static int[] fontOrder(Glyph g, long seed) {
        int[] order = new int[g.faces().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, g.codePoint(), 0));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void make(GlyphOptions o, FontPool pool, Path dir, Progress progress) throws IOException {
        Map<String, String> dropped = new LinkedHashMap<>();
        List<Glyph> glyphs = choose(Scripts.named(o.scripts()), pool, o.size(), dropped, progress);
        int pixels = o.size() * o.size();
        byte[] images = new byte[Math.multiplyExact(glyphs.size() * o.samples(), pixels)];
        GlyphRenderer renderer = new GlyphRenderer(o.size());
        progress.start("drawing glyphs", (long) glyphs.size() * o.samples());
        StringBuilder classes = new StringBuilder("class\tscript\tcode point\tcharacter\tfonts\n");
        for (int c = 0; c < glyphs.size(); c++) {
            progress.checkCancelled();
            Glyph g = glyphs.get(c);
            Shape[] outlines = new Shape[g.faces().size()];
            int[] order = fontOrder(g, o.seed());
            for (int s = 0; s < o.samples(); s++) {
                System.arraycopy(sample(g, s, o, renderer, outlines, order), 0, images,
                        (c * o.samples() + s) * pixels, pixels);
            }
            progress.advance(o.samples());
            classes.append(c).append('\t').append(g.script().name()).append('\t').append(codePoint(g.codePoint()))
                    .append('\t').append(Character.toString(g.codePoint())).append('\t')
                    .append(String.join(",", g.faces().stream().map(FontPool.Face::file).toList())).append('\n');
        }
        progress.finish();
        IdxFile.write(dir.resolve(IMAGES), new int[] {glyphs.size() * o.samples(), o.size(), o.size()}, images);
        Files.writeString(dir.resolve(CLASSES), classes);
        StringBuilder m = new StringBuilder("# the glyph set: what decided its pixels, and their SHA-256\n");
        o.toProperties().forEach((k, v) -> m.append(k).append('=').append(v).append('\n'));
        m.append("version=").append(VERSION).append('\n').append("java=").append(Runtime.version()).append('\n');
        m.append("classes=").append(glyphs.size()).append('\n');
        m.append("images.sha256=").append(sha256(images)).append('\n');
        pool.faces().forEach(f -> m.append("font.").append(f.file()).append('=').append(f.sha256()).append('\n'));
        dropped.forEach((g, twin) -> m.append("alike.").append(g.replace(' ', '.')).append('=').append(twin)
                .append('\n'));
        Files.writeString(dir.resolve(MANIFEST), m);
    }

    private static boolean alike(byte[] a, byte[] b) {
        long limit = (long) (ALIKE * a.length);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            if (sum >= limit) {
                return false;
            }
        }
        return true;
    }

    static String name(Glyph g) {
        return g.script().name() + " " + Character.toString(g.codePoint()) + " " + codePoint(g.codePoint());
    }

    private static String codePoint(int cp) {
        return String.format(java.util.Locale.ROOT, "U+%04X", cp);
    }

    private static long mix(long seed, int codePoint, int sample) {
        long z = seed * 0x9E3779B97F4A7C15L + codePoint * 0xBF58476D1CE4E5B9L + sample * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
