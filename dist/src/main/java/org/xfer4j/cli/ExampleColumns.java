package org.xfer4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.image.ImageFolderDataset;
import org.xfer4j.data.io.Csv;

/**
 * The leading CSV columns that say which example a row is: {@code id} (its row number in the data, from 1), then
 * {@code example} (the text, or the image file) where the data has one, then {@code label} (the true label) where the
 * data is labelled; extract and predict write them before their own columns.
 */
final class ExampleColumns {

    private final Dataset data;
    private final boolean labelled;
    private final boolean described;

    ExampleColumns(Dataset data) {
        this.data = data;
        this.labelled = data.size() > 0 && data.label(0) >= 0;
        // an image folder names its files; a text set holds its texts; tensor data (IDX) has nothing to show
        this.described = data instanceof ImageFolderDataset
                || data.size() > 0 && data.sample(0) instanceof Sample.Text;
    }

    /** Whether the data carries true labels. */
    boolean labelled() {
        return labelled;
    }

    /** Writes the names of these columns. */
    void header(Csv.Writer w) throws IOException {
        w.text("id");
        if (described) {
            w.text("example");
        }
        if (labelled) {
            w.text("label");
        }
    }

    /** Writes these columns for example {@code i}. */
    void row(Csv.Writer w, int i) throws IOException {
        w.number(i + 1L);
        if (described) {
            w.text(example(i));
        }
        if (labelled) {
            w.text(data.classes().get(data.label(i)));
        }
    }

    private String example(int i) {
        if (data instanceof ImageFolderDataset images) {
            Path file = images.file(i);
            return file.toString();
        }
        return data.sample(i) instanceof Sample.Text t ? t.text() : "";
    }
}
