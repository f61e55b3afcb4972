package org.xfer4j.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;

/**
 * Images in a folder with one sub-folder per class (class names sorted, files sorted by name); JPEG and PNG files
 * are decoded when their sample is asked for, never all at once.
 */
public final class ImageFolderDataset implements Dataset {

    private final String name;
    private final List<String> classes;
    private final List<Path> files;
    private final int[] labels;

    private ImageFolderDataset(String name, List<String> classes, List<Path> files, int[] labels) {
        this.name = name;
        this.classes = List.copyOf(classes);
        this.files = List.copyOf(files);
        this.labels = labels;
    }

    /**
     * Lists the images below {@code root}.
     *
     * @throws InvalidInputException when the folder is missing, has no class folders or a class has no images
     */
    public static ImageFolderDataset open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("image folder " + root + " does not exist");
        }
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> images;
                try (Stream<Path> s = Files.list(dir)) {
                    images = s.filter(ImageFolderDataset::isImage).sorted().toList();
                }
                if (images.isEmpty()) {
                    throw new InvalidInputException("class folder " + dir + " holds no .jpg, .jpeg or .png file");
                }
                for (Path f : images) {
                    files.add(f);
                    labels.add(classes.size());
                }
                classes.add(dir.getFileName().toString());
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot list image folder " + root + ": " + e.getMessage(), e);
        }
        if (classes.isEmpty()) {
            throw new InvalidInputException("image folder " + root + " has no class sub-folders (expected "
                    + root + "/<class>/<image>.jpg)");
        }
        return new ImageFolderDataset(root.getFileName().toString(), classes, files,
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    /** The file of example {@code i}. */
    public Path file(int i) {
        return files.get(i);
    }

    @Override
    public Sample sample(int i) {
        return ImageFiles.decode(files.get(i));
    }
}
