package org.xfer4j.bench.text;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.split.Splits;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.runtime.onnx.NativeMemory;

/**
 * Resident memory over repeated text fine-tunings in one process: all-MiniLM-L6-v2 (full precision) fine-tuned on
 * 10 subjects per class, then asked for predictions (so its inference session opens too) and closed, again and
 * again. After each round a full GC, then the process's resident set (VmRSS), its peak (VmHWM) and the Java heap's
 * committed size: memory that grows round after round while the heap does not is native memory not returned (a
 * closed training session hands what it freed back, {@link NativeMemory}, where the JVM lets this code call native
 * code: {@code --enable-native-access=ALL-UNNAMED}, as bench/run.sh gives).
 *
 * <p>Usage: FinetuneMemoryBench [rounds [key=value finetune options...]] (default 5 rounds of 2 epochs).
 */
public final class FinetuneMemoryBench {

    private static final long SEED = 42;

    private FinetuneMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<String, String> options = new LinkedHashMap<>(Map.of("headLr", "0.001", "transferLr", "0.00005",
                "epochs", "2", "batchSize", "16", "maxLength", "64"));
        for (int i = 1; i < args.length; i++) {
            options.put(args[i].split("=", 2)[0], args[i].split("=", 2)[1]);
        }
        System.out.println("finetune options " + options + "; freed native memory handed back: "
                + NativeMemory.releases());
        System.out.println("| round | resident MB | peak resident MB | heap committed MB | heap used MB |");
        System.out.println("|---|---|---|---|---|");
        print("start");
        try (Xfer xfer = Xfer.builder().optSeed(SEED).build()) {
            Dataset data = SpamAssassin.subjects(xfer.context().cacheDir());
            Splits.Split split = Splits.stratified(data.labels(), 0.3, SEED);
            Dataset pool = data.subset(split.train());
            Dataset test = data.subset(Arrays.copyOf(split.test(), 64));
            int[] all = new int[pool.size()];
            Arrays.setAll(all, i -> i);
            for (int r = 0; r < rounds; r++) {
                Dataset train = pool.subset(Splits.perClass(pool.labels(), all, 10, SEED + 1000L * r + 10));
                try (SourceModel m = xfer.openModel("all-minilm-l6-v2-fp32");
                     RepurposedModel model = xfer.repurpose("finetune", m, List.of(m.defaultFeatureLayer()), train,
                             options)) {
                    xfer.evaluate(model, test);
                }
                print(Integer.toString(r + 1));
            }
        }
        print("closed");
    }

    private static void print(String round) throws java.io.IOException, InterruptedException {
        System.gc();
        Thread.sleep(500);
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("| %s | %d | %d | %d | %d |%n", round, TextFinetuneBench.statusMb("VmRSS:"),
                TextFinetuneBench.statusMb("VmHWM:"), heap.getCommitted() >> 20, heap.getUsed() >> 20);
    }
}
