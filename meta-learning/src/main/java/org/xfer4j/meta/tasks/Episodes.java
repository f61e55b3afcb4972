package org.xfer4j.meta.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;
import org.xfer4j.data.split.ClassGroups;

/**
 * N-way K-shot episodes over some classes of a labelled dataset: each draws N of the classes in random order, labels
 * them 0..N-1 (the class names stay, for reports), and K support and Q query examples of each, all distinct.
 * Unlabelled examples are ignored.
 */
public final class Episodes implements TaskDistribution {

    /** Class names an error lists before it only counts the rest. */
    private static final int NAMES_SHOWN = 10;

    private final Dataset data;
    private final String name;
    private final EpisodeShape shape;
    private final int[] classes;
    private final int[][] examples;

    private Episodes(Dataset data, String name, EpisodeShape shape, int[] classes, int[][] examples) {
        this.data = data;
        this.name = name;
        this.shape = shape;
        this.classes = classes;
        this.examples = examples;
    }

    /**
     * Episodes of {@code shape} over {@code classes} (indices into {@code data.classes()}); {@code part} names them in
     * logs and errors ("meta-train").
     *
     * @throws InvalidInputException when there are fewer classes than ways, or a class has fewer examples than an
     *                               episode draws from it (naming the class and both counts)
     */
    public static Episodes of(Dataset data, List<Integer> classes, EpisodeShape shape, String part) {
        String where = part + " classes of " + data.name();
        if (classes.size() < shape.ways()) {
            throw new InvalidInputException(where + " are " + classes.size() + " " + names(data, classes) + "; "
                    + shape.ways() + "-way episodes need at least " + shape.ways() + " classes");
        }
        int[] labels = data.labels();
        int[] count = new int[data.classes().size()];
        for (int y : labels) {
            if (y >= 0) {
                count[y]++;
            }
        }
        int[][] examples = new int[classes.size()][];
        for (int c = 0; c < classes.size(); c++) {
            int cls = classes.get(c);
            if (cls < 0 || cls >= count.length) {
                throw new InvalidInputException(where + ": class index " + cls + " is not one of its "
                        + count.length + " classes");
            }
            if (count[cls] < shape.perClass()) {
                throw new InvalidInputException("class '" + data.classes().get(cls) + "' of " + data.name() + " has "
                        + count[cls] + " examples; " + shape + " episodes need " + shape.perClass()
                        + " of each class (" + shape.shots() + " support + " + shape.queries() + " query)");
            }
            examples[c] = new int[count[cls]];
        }
        int[] slot = new int[count.length];
        java.util.Arrays.fill(slot, -1);
        for (int c = 0; c < classes.size(); c++) {
            slot[classes.get(c)] = c;
        }
        int[] filled = new int[classes.size()];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0 && slot[labels[i]] >= 0) {
                int c = slot[labels[i]];
                examples[c][filled[c]++] = i;
            }
        }
        return new Episodes(data, data.name() + " " + part + " " + shape, shape,
                classes.stream().mapToInt(Integer::intValue).toArray(), examples);
    }

    /** Episodes over the classes of one part of a class split. */
    public static Episodes of(Dataset data, ClassSplit split, ClassSplit.Part part, EpisodeShape shape) {
        return of(data, split.classes(part), shape, part.label());
    }

    @Override
    public String name() {
        return name;
    }

    /** The shape of every episode. */
    public EpisodeShape shape() {
        return shape;
    }

    /** The dataset the episodes are drawn from. */
    public Dataset dataset() {
        return data;
    }

    @Override
    public Task sample(RandomGenerator random) {
        int ways = shape.ways();
        int[] chosen = firstOfShuffle(indices(classes.length), ways, random);
        List<String> names = new ArrayList<>(ways);
        int[] support = new int[ways * shape.shots()];
        int[] query = new int[ways * shape.queries()];
        int[] supportLabels = new int[support.length];
        int[] queryLabels = new int[query.length];
        for (int w = 0; w < ways; w++) {
            int c = chosen[w];
            names.add(data.classes().get(classes[c]));
            int[] drawn = firstOfShuffle(examples[c].clone(), shape.perClass(), random);
            for (int k = 0; k < shape.shots(); k++) {
                support[w * shape.shots() + k] = drawn[k];
                supportLabels[w * shape.shots() + k] = w;
            }
            for (int q = 0; q < shape.queries(); q++) {
                query[w * shape.queries() + q] = drawn[shape.shots() + q];
                queryLabels[w * shape.queries() + q] = w;
            }
        }
        return new Task(shuffled(name + " support", names, support, supportLabels, random),
                shuffled(name + " query", names, query, queryLabels, random));
    }

    /** {@code count} episodes drawn in order from a generator seeded with {@code seed}: the same list every time. */
    public List<Task> draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Task> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(sample(random));
        }
        return tasks;
    }

    /**
     * Every example of these classes as one dataset labelled 0..C-1 in class order: the training set of the joint
     * training (plain pre-training) baseline.
     */
    public Dataset pool() {
        int n = 0;
        for (int[] e : examples) {
            n += e.length;
        }
        int[] indices = new int[n];
        int[] labels = new int[n];
        List<String> names = new ArrayList<>();
        int at = 0;
        for (int c = 0; c < classes.length; c++) {
            names.add(data.classes().get(classes[c]));
            for (int i : examples[c]) {
                indices[at] = i;
                labels[at++] = c;
            }
        }
        return new EpisodeDataset(name + " pool", data, names, indices, labels);
    }

    private EpisodeDataset shuffled(String setName, List<String> names, int[] indices, int[] labels,
            RandomGenerator random) {
        int[] order = firstOfShuffle(indices(indices.length), indices.length, random);
        int[] i2 = new int[indices.length];
        int[] y2 = new int[indices.length];
        for (int k = 0; k < order.length; k++) {
            i2[k] = indices[order[k]];
            y2[k] = labels[order[k]];
        }
        return new EpisodeDataset(setName, data, names, i2, y2);
    }

    /** The first {@code n} entries of a partial Fisher-Yates shuffle of {@code values} (shuffled in place). */
    private static int[] firstOfShuffle(int[] values, int n, RandomGenerator random) {
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(values.length - i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return java.util.Arrays.copyOf(values, n);
    }

    private static int[] indices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Names shown in an error: the alphabets of a glyph-like set, else the classes (the first ten of many). */
    private static String names(Dataset data, List<Integer> classes) {
        List<Integer> known = classes.stream().filter(c -> c >= 0 && c < data.classes().size()).toList();
        if (data instanceof ClassGroups g && known.size() == classes.size()) {
            return "of the alphabets " + known.stream().map(g::group).distinct().toList();
        }
        String shown = classes.stream().limit(NAMES_SHOWN)
                .map(c -> known.contains(c) ? data.classes().get(c) : "#" + c).toList().toString();
        return classes.size() > NAMES_SHOWN ? shown + " and " + (classes.size() - NAMES_SHOWN) + " more" : shown;
    }
}
