package org.xfer4j.cli;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.data.image.SampleSheet;
import org.xfer4j.data.split.ClassGroups;
import org.xfer4j.meta.eval.AdaptationCurve;

/**
 * Pictures of what the meta-test tasks of an image dataset look like, for the meta-test report: a sample sheet of the
 * meta-test classes, and example episodes (each class's support images, then some of its queries framed green where
 * the adapted model predicts them right and red where not).
 */
final class EpisodePictures {

    /** Example episodes pictured: the first test episodes. */
    static final int EPISODES = 2;

    /** Rows of the class sheet (classes, or alphabets for glyphs). */
    static final int CLASS_ROWS = 20;

    /** Images of each class on the class sheet. */
    static final int PER_CLASS = 10;

    /** Queries of each class shown in an episode. */
    static final int QUERIES_SHOWN = 5;

    /** The largest cell, so that photographs stay small on the page. */
    private static final int MAX_CELL = 96;

    private static final Color RIGHT = new Color(0x2ca02c);
    private static final Color WRONG = new Color(0xd62728);

    private final MetaSetup.EpisodeTasks tasks;
    private final int cell;

    private EpisodePictures(MetaSetup.EpisodeTasks tasks) {
        this.tasks = tasks;
        Sample.Image first = SampleSheet.image(tasks.data(), 0);
        this.cell = Math.min(MAX_CELL, SampleSheet.cell(first, 2));
    }

    /** Whether {@code tasks} are episodes over images (else there is nothing to picture). */
    static boolean pictured(MetaSetup.Tasks tasks) {
        return tasks instanceof MetaSetup.EpisodeTasks e && e.data().size() > 0
                && e.data().sample(0) instanceof Sample.Image;
    }

    /**
     * Adds to {@code report} the sheet of the meta-test classes and the first {@link #EPISODES} of {@code drawn}
     * adapted from {@code start} (called {@code name}) by {@code curve}.
     */
    static void add(MetaReport report, MetaSetup.EpisodeTasks tasks, List<Task> drawn, DifferentiableModel model,
            AdaptationCurve curve, String name, Parameters start) {
        EpisodePictures p = new EpisodePictures(tasks);
        p.classes(report);
        for (int e = 0; e < Math.min(EPISODES, drawn.size()); e++) {
            p.episode(report, e, drawn.get(e), model, curve, name, start);
        }
    }

    /** The sheet of the meta-test classes: one row per class (per alphabet for glyphs), its first images. */
    private void classes(MetaReport report) {
        Dataset data = tasks.data();
        List<Integer> rows = SampleSheet.rows(data, tasks.split().test(), CLASS_ROWS);
        String what = data instanceof ClassGroups g
                ? "one character of each of the " + tasks.split().test().stream().map(g::group).distinct().count()
                        + " meta-test alphabets (its middle one)"
                : rows.size() == tasks.split().test().size() ? "the " + rows.size() + " meta-test classes"
                : rows.size() + " of the " + tasks.split().test().size() + " meta-test classes";
        report.picture("The meta-test classes", String.format(Locale.ROOT, "%s, never seen in meta-training: one row "
                        + "each, its first %d images; rows from the top: %s.", MetaReport.capitalised(what), PER_CLASS,
                String.join(", ", rows.stream().map(c -> data.classes().get(c)).toList())),
                "meta-test-classes", SampleSheet.ofClasses(data, rows, PER_CLASS, cell).draw());
    }

    /**
     * One episode: a row per class with its support images, a gap, and up to {@link #QUERIES_SHOWN} of its queries
     * framed by whether {@code start} after the curve's steps on the support set predicts them right.
     */
    private void episode(MetaReport report, int index, Task task, DifferentiableModel model, AdaptationCurve curve,
            String name, Parameters start) {
        Dataset support = task.support();
        Dataset query = task.query();
        int[] predicted = curve.predictions(model, start, task); // as the curves score them
        int ways = support.classes().size();
        SampleSheet sheet = new SampleSheet(cell);
        int right = 0;
        for (int i = 0; i < query.size(); i++) {
            right += predicted[i] == query.label(i) ? 1 : 0;
        }
        for (int w = 0; w < ways; w++) {
            List<SampleSheet.Tile> tiles = new ArrayList<>();
            for (int i = 0; i < support.size(); i++) {
                if (support.label(i) == w) {
                    tiles.add(SampleSheet.Tile.of(SampleSheet.image(support, i)));
                }
            }
            tiles.add(SampleSheet.Tile.spacer());
            int shown = 0;
            for (int i = 0; i < query.size() && shown < QUERIES_SHOWN; i++) {
                if (query.label(i) == w) {
                    boolean ok = predicted[i] == w;
                    tiles.add(new SampleSheet.Tile(SampleSheet.image(query, i), ok ? RIGHT : WRONG,
                            ok ? "" : "as " + (predicted[i] + 1)));
                    shown++;
                }
            }
            sheet.row(Integer.toString(w + 1), tiles);
        }
        report.picture("Test episode " + (index + 1), String.format(Locale.ROOT, "A %d-way episode of the test: row "
                        + "r is class r (from the top: %s); left of the gap its support images, right of it up to %d "
                        + "of its queries, framed green where %s after %d SGD steps at %s on the support set predicts "
                        + "the class and red where not, with the row it predicted (as r); %d of the episode's %d "
                        + "queries right.", ways, String.join(", ", support.classes()), QUERIES_SHOWN, name,
                curve.steps(), curve.learningRate(), right, query.size()),
                "test-episode-" + (index + 1), sheet.draw());
    }
}
