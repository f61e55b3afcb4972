package org.xfer4j.importer.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the weights a TF.js manifest lists: each group's shards are concatenated and its weights read in order,
 * little-endian; {@code quantization} entries (uint8 or uint16 with scale and min, or float16) are dequantised to
 * float32 exactly as TF.js does ({@code q * scale + min} in double precision, then rounded to float).
 */
final class WeightsManifest {

    /** Reads the bytes of one shard named by a manifest path. */
    @FunctionalInterface
    interface ShardReader {
        byte[] read(String path);
    }

    private WeightsManifest() {
    }

    static Map<String, Weight> decode(List<Object> manifest, ShardReader shards, String source) {
        Map<String, Weight> weights = new LinkedHashMap<>();
        for (int g = 0; g < manifest.size(); g++) {
            Config group = Config.of(source + " weightsManifest[" + g + "]", manifest.get(g));
            ByteBuffer bytes = concatenate(group.list("paths"), shards, group.owner());
            for (Object entry : group.list("weights")) {
                Weight w = decodeOne(Config.of(group.owner() + " weight", entry), bytes, source);
                weights.put(w.name(), w);
            }
            if (bytes.hasRemaining()) {
                throw new TfjsFormatException(group.owner() + ": " + bytes.remaining()
                        + " bytes of its shards are not covered by any weight; the manifest does not match the shards");
            }
        }
        return weights;
    }

    private static ByteBuffer concatenate(List<Object> paths, ShardReader shards, String owner) {
        byte[][] parts = new byte[paths.size()][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            if (!(paths.get(i) instanceof String p)) {
                throw new TfjsFormatException(owner + ": shard paths must be strings");
            }
            parts[i] = shards.read(p);
            total = Math.addExact(total, parts[i].length);
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.flip();
    }

    private static Weight decodeOne(Config entry, ByteBuffer bytes, String source) {
        String name = entry.string("name");
        int[] shape = entry.ints("shape", 0);
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        String dtype = entry.string("dtype");
        if (!dtype.equals("float32")) {
            throw new UnsupportedLayerException(source + ": weight " + name + " has dtype " + dtype
                    + "; only float32 weights (optionally quantised) are supported");
        }
        String stored = entry.has("quantization") ? entry.object("quantization").string("dtype") : "float32";
        int width = switch (stored) {
            case "float32" -> 4;
            case "uint16", "float16" -> 2;
            case "uint8" -> 1;
            default -> throw new UnsupportedLayerException(source + ": weight " + name + " is quantised as "
                    + stored + "; supported quantisations are uint8, uint16 and float16");
        };
        if (bytes.remaining() < n * width) {
            throw new TfjsFormatException(source + ": the shards end inside weight " + name + " (needs " + n * width
                    + " bytes, " + bytes.remaining() + " left)");
        }
        float[] values = new float[(int) n];
        if (stored.equals("float32")) {
            bytes.asFloatBuffer().get(values);
        } else if (stored.equals("float16")) {
            for (int i = 0; i < n; i++) {
                values[i] = Float.float16ToFloat(bytes.getShort(bytes.position() + 2 * i));
            }
        } else {
            Config q = entry.object("quantization");
            double scale = q.number("scale", Double.NaN);
            double min = q.number("min", Double.NaN);
            if (Double.isNaN(scale) || Double.isNaN(min)) {
                throw new TfjsFormatException(source + ": quantised weight " + name + " needs scale and min");
            }
            for (int i = 0; i < n; i++) {
                int q16 = width == 1 ? Byte.toUnsignedInt(bytes.get(bytes.position() + i))
                        : Short.toUnsignedInt(bytes.getShort(bytes.position() + 2 * i));
                values[i] = (float) (q16 * scale + min);
            }
        }
        bytes.position(bytes.position() + (int) n * width);
        return new Weight(name, shape, values);
    }
}
