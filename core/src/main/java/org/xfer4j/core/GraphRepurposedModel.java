package org.xfer4j.core;

import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.Options;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.artifact.Provenance;

/** A graph repurposer's target model, with the provenance the host records when saving it. */
public final class GraphRepurposedModel implements RepurposedModel {

    private final RepurposedModel model;
    private final Provenance provenance;

    GraphRepurposedModel(RepurposedModel model, Provenance provenance) {
        this.model = model;
        this.provenance = provenance;
    }

    /** Where the model came from. */
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public String providerId() {
        return model.providerId();
    }

    @Override
    public Options options() {
        return model.options();
    }

    @Override
    public List<String> classes() {
        return model.classes();
    }

    @Override
    public Predictions predict(Dataset data, Progress progress) {
        return model.predict(data, progress);
    }

    @Override
    public void save(PayloadWriter payload) {
        model.save(payload);
    }

    @Override
    public void exportOnnx(Path target) {
        model.exportOnnx(target);
    }

    @Override
    public List<Double> trainingLoss() {
        return model.trainingLoss();
    }

    @Override
    public void close() {
        model.close();
    }
}
