package org.xfer4j.core.fakes;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.GraphRepurposerProvider;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;

/** A graph method ("priors" unless named otherwise) that predicts its training class frequencies for every example. */
public final class FakeGraphProvider implements GraphRepurposerProvider {

    private final String id;

    /** The method "priors". */
    public FakeGraphProvider() {
        this("priors");
    }

    /** The same method under another id. */
    public FakeGraphProvider(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "predicts the training class frequencies";
    }

    @Override
    public Options defaultOptions() {
        return Map::of;
    }

    @Override
    public Options parseOptions(Map<String, String> properties) {
        return defaultOptions();
    }

    @Override
    public RepurposedModel repurpose(SourceModel source, Dataset training, Options options, ProviderContext context) {
        double[] priors = new double[training.classes().size()];
        for (int y : training.labels()) {
            priors[y] += 1.0 / training.size();
        }
        return new Priors(id, training.classes(), priors, options);
    }

    @Override
    public RepurposedModel load(PayloadReader payload, Options options, ProviderContext context) {
        return new Priors(id, List.of(payload.getText("classes").split("\n")), payload.getDoubles("priors"), options);
    }

    private record Priors(String providerId, List<String> classes, double[] priors, Options options)
            implements RepurposedModel {

        @Override
        public Predictions predict(Dataset data, Progress progress) {
            double[][] p = new double[data.size()][];
            for (int i = 0; i < p.length; i++) {
                p[i] = priors.clone();
            }
            return new Predictions(classes, p);
        }

        @Override
        public void save(PayloadWriter payload) {
            payload.putText("classes", String.join("\n", classes));
            payload.putDoubles("priors", priors, priors.length);
        }

        @Override
        public void close() {
        }
    }
}
