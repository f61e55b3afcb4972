package org.xfer4j.data.image;

import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

/**
 * Grey images and their labels from a pair of IDX files (images [n, rows, cols], labels [n]); each sample is copied
 * out of the memory-mapped file when asked for.
 */
public final class IdxDataset implements Dataset {

    private final String name;
    private final List<String> classes;
    private final IdxFile images;
    private final IdxFile labels;
    private final int rows;
    private final int cols;

    private IdxDataset(String name, List<String> classes, IdxFile images, IdxFile labels) {
        this.name = name;
        this.classes = List.copyOf(classes);
        this.images = images;
        this.labels = labels;
        int[] d = images.dims();
        int[] l = labels.dims();
        if (d.length != 3 || l.length != 1 || d[0] != l[0]) {
            throw new InvalidInputException("IDX pair " + images.file() + " / " + labels.file()
                    + " must hold [n, rows, cols] images and [n] labels, got " + java.util.Arrays.toString(d) + " and "
                    + java.util.Arrays.toString(l));
        }
        this.rows = d[1];
        this.cols = d[2];
        for (int i = 0; i < l[0]; i++) {
            if (labels.get(i) >= classes.size()) {
                throw new InvalidInputException(labels.file() + ": label " + labels.get(i) + " of example " + i
                        + " is not below the " + classes.size() + " classes " + classes);
            }
        }
    }

    /**
     * Opens an images/labels pair ({@code .gz} files are decompressed once into {@code cacheDir}).
     *
     * @throws InvalidInputException naming the file when it is missing or not IDX
     */
    public static IdxDataset open(String name, List<String> classes, Path images, Path labels, Path cacheDir) {
        return new IdxDataset(name, classes, IdxFile.open(images, cacheDir), IdxFile.open(labels, cacheDir));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return images.dims()[0];
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels.get(i);
    }

    @Override
    public Sample sample(int i) {
        int n = rows * cols;
        return new Sample.Image(cols, rows, 1, images.read((long) i * n, n));
    }
}
