package org.xfer4j.bench.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskDistribution;
import org.xfer4j.api.meta.TaskLosses;
import org.xfer4j.meta.MetaLearners;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * Checks that bench/meta/cnn_reference.py does EpisodeMetaBench's work: writes the CNN's initial parameters and one
 * 5-way 1-shot episode to a directory (raw little-endian float32 and int64, with a manifest), then meta-trains
 * {@code fomaml} for two steps on that one task from that initialisation (outer SGD, so the second step's losses
 * follow the first step's direction) under each batch-norm mode, printing every task's losses; {@code
 * cnn_reference.py check=DIR} does the same in PyTorch from the same files.
 *
 * <p>Arguments: {@code directory [modes]} (default {@code support,fixed}).
 */
public final class CnnReferenceCheck {

    private CnnReferenceCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/cnn-check");
        String[] modes = (args.length > 1 ? args[1] : "support,fixed").split(",");
        Files.createDirectories(dir);
        ProviderContext context = BenchArgs.context(new java.util.HashMap<>(Map.of("threads", "1")), 1);
        Task task = CnnEpisodes.tasks(context).sample(new Random(3));
        try (OnnxDifferentiableModel model = CnnEpisodes.model(context)) {
            List<String> manifest = new ArrayList<>();
            Map<String, Tensor> tensors = new LinkedHashMap<>(model.initialParameters().tensors());
            tensors.put("support.x", model.inputs(task.support()));
            tensors.put("support.y", model.labels(task.support()));
            tensors.put("query.x", model.inputs(task.query()));
            tensors.put("query.y", model.labels(task.query()));
            for (var t : tensors.entrySet()) {
                String file = t.getKey().replace('/', '_') + ".bin";
                write(dir.resolve(file), t.getValue());
                manifest.add(t.getKey() + " " + file + " " + t.getValue().dtype() + " "
                        + String.join(",", java.util.Arrays.stream(t.getValue().shape())
                                .mapToObj(Long::toString).toList()));
            }
            Files.write(dir.resolve("manifest.txt"), manifest);
            TaskDistribution one = new TaskDistribution() {
                @Override
                public String name() {
                    return "one episode";
                }

                @Override
                public Task sample(RandomGenerator random) {
                    return task;
                }
            };
            MetaLearnerProvider p = MetaLearners.byId("fomaml");
            for (String mode : modes) {
                Map<String, String> props = Map.of("metaSteps", "2", "metaBatch", "1", "innerSteps", "5",
                        "innerLr", "0.1", "outerOptimizer", "sgd", "outerLr", "0.1", "checkpointEvery", "0",
                        "batchNorm", mode);
                p.create(p.parseOptions(props), context).metaTrain(model, one, new MetaLogger() {
                    @Override
                    public void onStep(MetaStep step) {
                    }

                    @Override
                    public void onTask(TaskLosses t) {
                        System.out.printf(Locale.ROOT, "java  fomaml batchNorm=%-7s step %d: support %.4f -> %.4f,"
                                + " query %.4f -> %.4f%n", mode, t.step(), t.supportBefore(), t.supportAfter(),
                                t.queryBefore(), t.queryAfter());
                    }
                });
            }
        }
    }

    private static void write(Path file, Tensor t) {
        ByteBuffer b;
        if (t.dtype() == org.xfer4j.api.data.DType.FLOAT32) {
            float[] v = t.floats();
            b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
        } else {
            long[] v = t.longs();
            b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(v);
        }
        try {
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
