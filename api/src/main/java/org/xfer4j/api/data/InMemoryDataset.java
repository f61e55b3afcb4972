package org.xfer4j.api.data;

import java.util.List;
import org.xfer4j.api.InvalidInputException;

/** A dataset whose samples and labels are held in lists. */
public record InMemoryDataset(String name, List<String> classes, List<Sample> samples, int[] labelArray)
        implements Dataset {

    public InMemoryDataset {
        classes = List.copyOf(classes);
        samples = List.copyOf(samples);
        labelArray = labelArray.clone();
        if (samples.size() != labelArray.length) {
            throw new InvalidInputException("dataset " + name + " has " + samples.size() + " samples but "
                    + labelArray.length + " labels");
        }
        for (int i = 0; i < labelArray.length; i++) {
            if (labelArray[i] < -1 || labelArray[i] >= classes.size()) {
                throw new InvalidInputException("dataset " + name + ": label " + labelArray[i] + " of example " + i
                        + " is not a class index (0.." + (classes.size() - 1) + ")");
            }
        }
    }

    /** A text dataset. */
    public static InMemoryDataset ofTexts(String name, List<String> classes, List<String> texts, int[] labels) {
        return new InMemoryDataset(name, classes, texts.stream().<Sample>map(Sample.Text::new).toList(), labels);
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public int label(int i) {
        return labelArray[i];
    }

    @Override
    public Sample sample(int i) {
        return samples.get(i);
    }
}
