package org.xfer4j.repurposers.metamodel.gp;

import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

/** Stores a kernel's layer blocks (column ranges) in a payload; names are not needed to predict. */
final class KernelBlocks {

    private static final String ENTRY = "gp.blocks";

    private KernelBlocks() {
    }

    static void save(PayloadWriter payload, List<LayerBlock> blocks) {
        int[] ranges = new int[2 * blocks.size()];
        for (int b = 0; b < blocks.size(); b++) {
            ranges[2 * b] = blocks.get(b).start();
            ranges[2 * b + 1] = blocks.get(b).end();
        }
        payload.putInts(ENTRY, ranges, blocks.size(), 2);
    }

    static List<LayerBlock> load(PayloadReader payload) {
        int[] ranges = payload.getInts(ENTRY);
        List<LayerBlock> blocks = new ArrayList<>();
        for (int b = 0; b < ranges.length / 2; b++) {
            blocks.add(new LayerBlock("block" + b, ranges[2 * b], ranges[2 * b + 1]));
        }
        return blocks;
    }
}
