package org.xfer4j.transferability.rank;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.ClassificationHead;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.transfer.TransferTarget;
import org.xfer4j.api.transfer.TransferabilityEstimator;
import org.xfer4j.api.transfer.TransferabilityEstimator.Reads;
import org.xfer4j.core.Xfer;

/**
 * Scores (model, layer) candidates for a labelled dataset with transferability estimators: per model, the features
 * of every candidate layer (and the classification head, for estimators that read it) come from one extraction
 * through the feature cache; then every estimator scores every candidate, timed, and a failure (NaN features, no
 * head) is recorded with its reason while the other estimators and models go on. Data no estimator could score (a
 * single class, a class with one example) is refused before anything is extracted.
 */
public final class Ranking {

    private final Xfer xfer;
    private final List<TransferabilityEstimator> estimators;
    private final Progress progress;

    /** A ranking run on {@code xfer}'s models and feature cache, reporting progress over candidates. */
    public Ranking(Xfer xfer, List<TransferabilityEstimator> estimators, Progress progress) {
        InvalidOptionException.require(!estimators.isEmpty(), "name at least one transferability estimator");
        this.xfer = xfer;
        this.estimators = List.copyOf(estimators);
        this.progress = progress;
    }

    /** The estimators with these ids, from {@code xfer}'s registry (built-in and plugins). */
    public static List<TransferabilityEstimator> estimators(Xfer xfer, List<String> ids) {
        return ids.stream().map(id -> xfer.registry().transferabilityEstimator(id)).toList();
    }

    /**
     * Scores the candidates of {@code modelList} (each model once) for {@code data}: {@code layers} of each model,
     * or when it is empty, the layers {@link CandidateLayers#auto} picks.
     *
     * @throws InvalidInputException naming the example when the data is unlabelled, or the class when it has a
     *         single class or a class with fewer than {@link TransferTarget#MIN_PER_CLASS} examples (before any
     *         features are extracted: no estimator could score such data)
     * @throws SourceModel.UnknownLayerException naming the model and similar layers for a layer a model lacks
     */
    public RankingResult run(Dataset data, List<String> modelList, List<String> layers) {
        return run(data, modelList, layers, Map.of());
    }

    /**
     * As {@link #run(Dataset, List, List)}, opening the {@code .onnx} files among the models with
     * {@code preprocessing} declared (how their images or texts are prepared; models from a zoo or pack decide
     * their own).
     */
    public RankingResult run(Dataset data, List<String> modelList, List<String> layers,
                             Map<String, String> preprocessing) {
        InvalidOptionException.require(!modelList.isEmpty(), "name at least one model to rank");
        List<String> models = List.copyOf(new LinkedHashSet<>(modelList));
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new InvalidInputException("ranking needs labelled data, but example " + i + " of " + data.name()
                        + " has no label");
            }
        }
        requireRankable(data);
        List<Candidate> candidates = new ArrayList<>();
        List<CandidateScore> scores = new ArrayList<>();
        Map<String, Double> extraction = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            try (SourceModel model = open(models.get(m), preprocessing)) {
                List<String> chosen = layers.isEmpty() ? CandidateLayers.auto(model) : checked(model, layers);
                ClassificationHead head = model.classificationHead().orElse(null);
                List<String> wanted = toExtract(chosen, head);
                long start = System.nanoTime();
                FeatureMatrix all;
                try {
                    all = wanted.isEmpty() ? null : xfer.extract(model, data, wanted);
                } catch (InvalidInputException e) {
                    // features this model cannot give (NaN or infinite activations): its candidates are listed
                    // with the reason, and the other models are still ranked
                    for (String layer : chosen) {
                        Candidate c = new Candidate(model.name(), layer);
                        candidates.add(c);
                        estimators.forEach(est -> scores.add(new CandidateScore(c, 0,
                                est.id(), Double.NaN, 0, e.getMessage())));
                    }
                    continue;
                }
                extraction.put(model.name(), (System.nanoTime() - start) / 1e6);
                FeatureMatrix probabilities = head == null || !reads(Reads.SOURCE_PROBABILITIES) ? null
                        : all.layer(head.layer());
                progress.start("scoring " + model.name() + " (model " + (m + 1) + " of " + models.size() + ")",
                        (long) chosen.size() * estimators.size());
                for (String layer : chosen) {
                    Candidate c = new Candidate(model.name(), layer);
                    candidates.add(c);
                    FeatureMatrix f = reads(Reads.FEATURES) ? all.layer(layer)
                            : new FeatureMatrix(labels.length, 0, new float[0], List.of());
                    TransferTarget target = new TransferTarget(c.toString(), new FeatureSet(f, labels, data.classes()),
                            probabilities, head == null ? List.of() : head.classes());
                    for (TransferabilityEstimator e : estimators) {
                        scores.add(score(e, c, f.columns(), target));
                        progress.advance(1);
                    }
                }
                progress.finish();
            }
        }
        return new RankingResult(data.name(), data.size(), estimators.stream().map(TransferabilityEstimator::id)
                .toList(), candidates, scores, extraction);
    }

    /** The label rules every estimator applies, checked once before extraction is paid for. */
    private static void requireRankable(Dataset data) {
        FeatureMatrix none = new FeatureMatrix(data.size(), 0, new float[0], List.of());
        try {
            new TransferTarget(data.name(), new FeatureSet(none, data.labels(), data.classes())).requireLabels();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("cannot rank candidates for " + data.name() + ": " + e.getMessage());
        }
    }

    private SourceModel open(String reference, Map<String, String> preprocessing) {
        boolean file = reference.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx");
        return file ? xfer.openModel(reference, preprocessing) : xfer.openModel(reference);
    }

    private CandidateScore score(TransferabilityEstimator e, Candidate c, int dimensions, TransferTarget target) {
        long start = System.nanoTime();
        try {
            double s = e.estimate(target, xfer.context());
            double ms = (System.nanoTime() - start) / 1e6;
            if (!Double.isFinite(s)) {
                return new CandidateScore(c, dimensions, e.id(), Double.NaN, ms, e.id() + " gave " + s);
            }
            return new CandidateScore(c, dimensions, e.id(), s, ms, null);
        } catch (XferException | IllegalArgumentException | ArithmeticException ex) {
            return new CandidateScore(c, dimensions, e.id(), Double.NaN, (System.nanoTime() - start) / 1e6,
                    ex.getMessage());
        }
    }

    private boolean reads(Reads what) {
        return estimators.stream().anyMatch(e -> e.reads() == what);
    }

    private List<String> toExtract(List<String> chosen, ClassificationHead head) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (reads(Reads.FEATURES)) {
            out.addAll(chosen);
        }
        if (head != null && reads(Reads.SOURCE_PROBABILITIES)) {
            out.add(head.layer());
        }
        return new ArrayList<>(out);
    }

    private static List<String> checked(SourceModel model, List<String> layers) {
        layers.forEach(model::layer);
        return List.copyOf(new LinkedHashSet<>(layers));
    }
}
