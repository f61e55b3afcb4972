package org.xfer4j.bench.transfer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.image.Mnist;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.data.text.SpamAssassin;

/**
 * The bench's target tasks, each a labelled training part (what the estimators and lr see) and a disjoint test part
 * (what judges lr), with the models whose candidates are ranked: SpamAssassin subjects through the two text
 * encoders, Fashion-MNIST and MNIST through the two image CNNs, and two user-style image folders (PNG files in one
 * sub-folder per class, read back as a user's folder is) of Fashion-MNIST class subsets.
 */
final class TransferTasks {

    /** A task: its name, training and test parts, and the models to rank. */
    record Task(String name, Dataset train, Dataset test, List<String> models) {

        /** The task with its training part cut to a seeded draw of {@code perClass} examples of each class. */
        Task fewer(int perClass) {
            int[] classes = IntStream.range(0, train.classes().size()).toArray();
            return new Task(name + ", " + perClass + " per class to train", train.subset(draw(train, classes,
                    perClass, 0, SEED)[0]), test, models);
        }
    }

    static final List<String> TEXT = List.of("bge-small-en-v1.5", "all-minilm-l6-v2");
    static final List<String> IMAGES = List.of("mobilenet-v2", "inception-v3");
    private static final long SEED = 42;

    private TransferTasks() {
    }

    /** Task {@code name}: spam, fashion, mnist, tops or footwear; folders are written under {@code work}. */
    static Task of(String name, Path cache, Path work) {
        return switch (name) {
            case "spam" -> {
                Dataset all = SpamAssassin.subjects(cache);
                int[][] parts = draw(all, new int[] {0, 1}, 100, 300, SEED);
                yield new Task("spam (SpamAssassin subjects, 100 per class)", all.subset(parts[0]),
                        all.subset(parts[1]), TEXT);
            }
            case "fashion" -> {
                Dataset train = FashionMnist.train(cache);
                Dataset test = FashionMnist.test(cache);
                int[] all = IntStream.range(0, 10).toArray();
                yield new Task("fashion (Fashion-MNIST, 10 classes, 30 per class)",
                        train.subset(draw(train, all, 30, 0, SEED)[0]), test.subset(draw(test, all, 50, 0, SEED)[0]),
                        IMAGES);
            }
            case "mnist" -> {
                Dataset digits = Mnist.digits(cache);
                int[][] parts = draw(digits, IntStream.range(0, 10).toArray(), 30, 50, SEED);
                yield new Task("mnist (MNIST digits, 30 per class)", digits.subset(parts[0]), digits.subset(parts[1]),
                        IMAGES);
            }
            case "tops" -> folderTask("tops (folder: T-shirt/top, pullover, shirt; 40 per class)", new int[] {0, 2, 6},
                    cache, work.resolve("tops"));
            case "footwear" -> folderTask("footwear (folder: sandal, sneaker, ankle boot; 40 per class)",
                    new int[] {5, 7, 9}, cache, work.resolve("footwear"));
            default -> throw new IllegalArgumentException("unknown task " + name
                    + "; tasks: spam, fashion, mnist, tops, footwear");
        };
    }

    /**
     * A Fashion-MNIST class subset written as a user's image folders (train/ and test/, one sub-folder per class,
     * PNG files) and read back through the CLI's data names: 40 per class from the training split, 50 per class from
     * the test split.
     */
    private static Task folderTask(String name, int[] classes, Path cache, Path dir) {
        Dataset train = FashionMnist.train(cache);
        Dataset test = FashionMnist.test(cache);
        write(train, draw(train, classes, 40, 0, SEED)[0], dir.resolve("train"));
        write(test, draw(test, classes, 50, 0, SEED)[0], dir.resolve("test"));
        return new Task(name, DataSpecs.resolve(dir.resolve("train").toString(), cache),
                DataSpecs.resolve(dir.resolve("test").toString(), cache), IMAGES);
    }

    /**
     * Per class of {@code classes}, {@code first} seeded random examples and then {@code second} others (disjoint).
     */
    static int[][] draw(Dataset data, int[] classes, int first, int second, long seed) {
        int[] labels = data.labels();
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int c : classes) {
            int[] members = IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
            Random random = new Random(seed + c);
            for (int i = members.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
            if (members.length < first + second) {
                throw new IllegalStateException(data.name() + " has " + members.length + " examples of class " + c);
            }
            for (int i = 0; i < first + second; i++) {
                (i < first ? a : b).add(members[i]);
            }
        }
        return new int[][] {a.stream().mapToInt(Integer::intValue).sorted().toArray(),
                b.stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    /** Writes examples {@code idx} of {@code data} as PNGs into one sub-folder per class (kept when already there). */
    private static void write(Dataset data, int[] idx, Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path tmp = Files.createDirectories(dir.resolveSibling(dir.getFileName() + ".tmp"));
            for (int i : idx) {
                Sample.Image img = (Sample.Image) data.sample(i);
                BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
                b.getRaster().setDataElements(0, 0, img.width(), img.height(),
                        Arrays.copyOf(img.pixels(), img.width() * img.height()));
                Path classDir = Files.createDirectories(tmp.resolve(data.classes().get(data.label(i))
                        .replace('/', '-').replace(' ', '-')));
                ImageIO.write(b, "png", classDir.resolve(i + ".png").toFile());
            }
            Files.move(tmp, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image folder " + dir, e);
        }
    }
}
