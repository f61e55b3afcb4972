package org.xfer4j.data.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.split.ClassGroups;

/**
 * A picture of image examples on a grid: rows of tiles, each an image (grey or colour) scaled to one square cell,
 * optionally framed in a colour and captioned, each row optionally labelled on the left. A plain sheet (no frames,
 * captions or labels, grey images only) is a grey PNG on black; any other is RGB on white.
 */
public final class SampleSheet {

    /**
     * One cell of the sheet: {@code image} (null leaves the cell empty, a spacer), framed in {@code frame} (null: no
     * frame), with a short {@code caption} under it (null: none).
     */
    public record Tile(Sample.Image image, Color frame, String caption) {

        /** The image alone. */
        public static Tile of(Sample.Image image) {
            return new Tile(image, null, null);
        }

        /** An empty cell. */
        public static Tile spacer() {
            return new Tile(null, null, null);
        }
    }

    private static final int GAP = 2;
    private static final int FRAME = 2;
    private static final int CAPTION = 12;
    private static final int LABEL_CHAR = 7;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    private final int cell;
    private final List<String> labels = new ArrayList<>();
    private final List<List<Tile>> rows = new ArrayList<>();

    /** An empty sheet whose images are scaled to fit {@code cell} x {@code cell} pixels. */
    public SampleSheet(int cell) {
        if (cell < 1) {
            throw new IllegalArgumentException("cell size must be positive, got " + cell);
        }
        this.cell = cell;
    }

    /** The cell that shows {@code example} {@code zoom} times enlarged (its larger side). */
    public static int cell(Sample.Image example, int zoom) {
        return Math.max(example.width(), example.height()) * zoom;
    }

    /** Adds a row of {@code tiles}, labelled {@code label} on the left (null: no label). */
    public SampleSheet row(String label, List<Tile> tiles) {
        labels.add(label);
        rows.add(List.copyOf(tiles));
        return this;
    }

    /**
     * A sheet of the first {@code perClass} examples of each of {@code classes}, one row per class, unlabelled, each
     * image in a cell of {@code cell} pixels.
     *
     * @throws InvalidInputException when an example is not an image
     */
    public static SampleSheet ofClasses(Dataset data, List<Integer> classes, int perClass, int cell) {
        int[] labels = data.labels();
        SampleSheet sheet = new SampleSheet(cell);
        for (int c : classes) {
            List<Tile> tiles = new ArrayList<>();
            for (int i = 0; i < labels.length && tiles.size() < perClass; i++) {
                if (labels[i] == c) {
                    tiles.add(Tile.of(image(data, i)));
                }
            }
            sheet.row(null, tiles);
        }
        return sheet;
    }

    /**
     * Writes a PNG of {@code perClass} examples of each of {@code classes}, every pixel drawn {@code zoom} times as
     * large (the cell of the first example).
     *
     * @throws InvalidInputException when an example is not an image, or the file cannot be written
     */
    public static Path write(Dataset data, List<Integer> classes, int perClass, int zoom, Path png) {
        return ofClasses(data, classes, perClass, cell(image(data, 0), zoom)).write(png);
    }

    /**
     * Up to {@code max} of the classes {@code among} to show: for a dataset with class groups (the glyphs' alphabets),
     * the middle class of each group present, else the first ones.
     */
    public static List<Integer> rows(Dataset data, List<Integer> among, int max) {
        if (!(data instanceof ClassGroups g)) {
            return List.copyOf(among.subList(0, Math.min(max, among.size())));
        }
        List<Integer> rows = new ArrayList<>();
        List<String> groups = among.stream().map(g::group).distinct().toList();
        for (String group : groups.subList(0, Math.min(max, groups.size()))) {
            List<Integer> members = among.stream().filter(c -> g.group(c).equals(group)).toList();
            rows.add(members.get(members.size() / 2));
        }
        return rows;
    }

    /**
     * Example {@code i} of {@code data} as an image.
     *
     * @throws InvalidInputException naming the example and the dataset when it is not an image
     */
    public static Sample.Image image(Dataset data, int i) {
        if (!(data.sample(i) instanceof Sample.Image image)) {
            throw new InvalidInputException("a sample sheet needs images; example " + i + " of " + data.name()
                    + " is not one");
        }
        return image;
    }

    /** The top-left pixel (x, y) of the cell of tile {@code column} of row {@code row}, where its image is centred. */
    public int[] origin(int row, int column) {
        return new int[] {GAP + labelWidth() + column * (tileWidth() + GAP) + frame(),
            GAP + row * (tileHeight() + GAP) + frame()};
    }

    /** The picture. */
    public BufferedImage draw() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int width = GAP + labelWidth() + columns * (tileWidth() + GAP);
        int height = GAP + rows.size() * (tileHeight() + GAP);
        boolean plain = labelWidth() == 0 && frame() == 0 && !captioned()
                && rows.stream().flatMap(List::stream).allMatch(t -> t.image() == null || t.image().channels() == 1);
        BufferedImage sheet = new BufferedImage(Math.max(1, width), Math.max(1, height),
                plain ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(FONT);
            if (!plain) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            for (int r = 0; r < rows.size(); r++) {
                int[] first = origin(r, 0);
                if (labels.get(r) != null) {
                    g.setColor(Color.BLACK);
                    g.drawString(labels.get(r), GAP, first[1] + cell / 2 + 4);
                }
                for (int c = 0; c < rows.get(r).size(); c++) {
                    drawTile(sheet, g, rows.get(r).get(c), origin(r, c));
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /**
     * Writes the picture as a PNG.
     *
     * @throws InvalidInputException when the file cannot be written
     */
    public Path write(Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ImageIO.write(draw(), "png", png.toFile());
            return png;
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the sample sheet " + png + ": " + e.getMessage(), e);
        }
    }

    private void drawTile(BufferedImage sheet, Graphics2D g, Tile tile, int[] at) {
        if (tile.frame() != null) {
            g.setColor(tile.frame());
            g.fillRect(at[0] - FRAME, at[1] - FRAME, cell + 2 * FRAME, cell + 2 * FRAME);
        }
        if (tile.image() != null) {
            paint(sheet.getRaster(), tile.image(), at[0], at[1]);
        }
        if (tile.caption() != null) {
            g.setColor(tile.frame() != null ? tile.frame().darker() : Color.BLACK);
            g.drawString(tile.caption(), at[0], at[1] + cell + frame() + CAPTION - 2);
        }
    }

    /** {@code image} scaled (nearest neighbour) to fit the cell at ({@code x}, {@code y}), centred; grey as r = g = b. */
    private void paint(WritableRaster raster, Sample.Image image, int x, int y) {
        double scale = (double) cell / Math.max(image.width(), image.height());
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        int left = x + (cell - w) / 2;
        int top = y + (cell - h) / 2;
        byte[] p = image.pixels();
        int bands = raster.getNumBands();
        for (int ty = 0; ty < h; ty++) {
            int sy = Math.min(image.height() - 1, ty * image.height() / h);
            for (int tx = 0; tx < w; tx++) {
                int sx = Math.min(image.width() - 1, tx * image.width() / w);
                int at = (sy * image.width() + sx) * image.channels();
                for (int b = 0; b < bands; b++) {
                    raster.setSample(left + tx, top + ty, b, p[at + (image.channels() == 1 ? 0 : b)] & 0xff);
                }
            }
        }
    }

    private int frame() {
        return rows.stream().flatMap(List::stream).anyMatch(t -> t.frame() != null) ? FRAME : 0;
    }

    private boolean captioned() {
        return rows.stream().flatMap(List::stream).anyMatch(t -> t.caption() != null);
    }

    private int tileWidth() {
        return cell + 2 * frame();
    }

    private int tileHeight() {
        return cell + 2 * frame() + (captioned() ? CAPTION : 0);
    }

    private int labelWidth() {
        int longest = labels.stream().filter(java.util.Objects::nonNull).mapToInt(String::length).max().orElse(0);
        return longest == 0 ? 0 : longest * LABEL_CHAR + GAP;
    }
}
