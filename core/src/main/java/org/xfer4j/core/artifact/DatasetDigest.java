package org.xfer4j.core.artifact;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;

/**
 * A SHA-256 of a dataset's content: its class names, and every example's label and sample (text, image pixels or
 * tensors), each field tagged and length-prefixed so different datasets cannot run together into the same bytes.
 * It identifies training data in provenance and keys the feature cache; names of datasets do not enter it.
 */
public final class DatasetDigest {

    private final MessageDigest sha;

    private DatasetDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hex SHA-256 of {@code data}'s classes, labels and samples. */
    public static String of(Dataset data) {
        DatasetDigest d = new DatasetDigest();
        d.putInt(data.classes().size());
        data.classes().forEach(d::putText);
        d.putInt(data.size());
        for (int i = 0; i < data.size(); i++) {
            d.putInt(data.label(i));
            d.putSample(data.sample(i));
        }
        return HexFormat.of().formatHex(d.sha.digest());
    }

    private void putSample(Sample s) {
        switch (s) {
            case Sample.Text t -> {
                sha.update((byte) 'T');
                putText(t.text());
            }
            case Sample.Image im -> {
                sha.update((byte) 'I');
                putInt(im.width());
                putInt(im.height());
                putInt(im.channels());
                sha.update(im.pixels());
            }
            case Sample.Tensors ts -> {
                sha.update((byte) 'S');
                Map<String, Tensor> sorted = new TreeMap<>(ts.inputs());
                putInt(sorted.size());
                sorted.forEach((name, tensor) -> {
                    putText(name);
                    putTensor(tensor);
                });
            }
        }
    }

    private void putTensor(Tensor t) {
        putText(t.dtype().name());
        long[] shape = t.shape();
        putInt(shape.length);
        ByteBuffer b = ByteBuffer.allocate(8 * (shape.length + t.size())).order(ByteOrder.LITTLE_ENDIAN);
        for (long dim : shape) {
            b.putLong(dim);
        }
        switch (t.dtype()) {
            case FLOAT32 -> {
                for (float v : t.floats()) {
                    b.putDouble(v);
                }
            }
            case INT64 -> {
                for (long v : t.longs()) {
                    b.putLong(v);
                }
            }
        }
        sha.update(b.array(), 0, b.position());
    }

    private void putText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        sha.update(utf8);
    }

    private void putInt(int v) {
        sha.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }
}
