package org.xfer4j.data.glyph;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.xfer4j.api.InvalidInputException;

/**
 * The fonts glyphs are drawn with: the regular, bold, italic and oblique TrueType files of Debian's fonts-noto-core,
 * fonts-freefont-ttf and fonts-dejavu-core/-extra (folders noto, freefont and dejavu under one root), in file-name
 * order, each with its SHA-256 so the set's cache key changes whenever a font does.
 */
public final class FontPool {

    /** The folders read under the root, and the Debian packages that fill them. */
    public static final Map<String, String> PACKAGES = Map.of("noto", "fonts-noto-core", "freefont",
            "fonts-freefont-ttf", "dejavu", "fonts-dejavu-core fonts-dejavu-extra");
    /** The fonts of these folders' other weights and widths (light, condensed bold...) are left out. */
    private static final Pattern STYLE = Pattern.compile(
            "[A-Za-z0-9]+(-(Regular|Bold|Italic|BoldItalic|Oblique|BoldOblique))?\\.ttf");
    /** The fonts whose plain renderings decide whether two characters look alike (see {@link GlyphSet}). */
    static final List<String> REFERENCE = List.of("FreeSerif.ttf", "FreeSans.ttf", "DejaVuSans.ttf",
            "NotoSans-Regular.ttf");

    /**
     * One font file, hashed; parsed on first use of {@link #font()}, so opening a set already drawn costs a hash per
     * file and no font parsing.
     */
    public static final class Face {
        private final Path path;
        private final String sha256;
        private Font font;

        Face(Path path, String sha256) {
            this.path = path;
            this.sha256 = sha256;
        }

        /** The file's name. */
        public String file() {
            return path.getFileName().toString();
        }

        /** The file's SHA-256, hex. */
        public String sha256() {
            return sha256;
        }

        /**
         * The font, parsed once.
         *
         * @throws InvalidInputException for a damaged font file, naming it
         */
        public synchronized Font font() {
            if (font == null) {
                try {
                    font = Font.createFont(Font.TRUETYPE_FONT, path.toFile());
                } catch (FontFormatException | IOException e) {
                    throw new InvalidInputException("cannot read font " + path + ": " + e.getMessage(), e);
                }
            }
            return font;
        }
    }

    private final List<Face> faces;

    private FontPool(List<Face> faces) {
        this.faces = List.copyOf(faces);
    }

    /**
     * The fonts under {@code root}, hashed (parsed when first drawn with).
     *
     * @throws InvalidInputException naming a missing folder and the Debian packages to install, or an unreadable font file
     */
    public static FontPool load(Path root) {
        List<Path> files = new ArrayList<>();
        for (String folder : PACKAGES.keySet().stream().sorted().toList()) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException("font folder " + dir + " is missing; install the fonts with: "
                        + "apt-get install " + String.join(" ", PACKAGES.values().stream().sorted().toList()));
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> STYLE.matcher(p.getFileName().toString()).matches()).forEach(files::add);
            } catch (IOException e) {
                throw new InvalidInputException("cannot list fonts in " + dir + ": " + e.getMessage(), e);
            }
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Face> faces = new ArrayList<>();
        for (Path f : files) {
            try {
                faces.add(new Face(f, sha256(f)));
            } catch (IOException e) {
                throw new InvalidInputException("cannot read font " + f + ": " + e.getMessage(), e);
            }
        }
        return new FontPool(faces);
    }

    /** Every font, in file-name order. */
    public List<Face> faces() {
        return faces;
    }

    /** The fonts that have a glyph for {@code codePoint}, in file-name order. */
    public List<Face> covering(int codePoint) {
        return faces.stream().filter(f -> f.font().canDisplay(codePoint)).toList();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            MessageDigest md = ((DigestInputStream) in).getMessageDigest();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
