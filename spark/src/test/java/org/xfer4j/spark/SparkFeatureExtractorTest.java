package org.xfer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.image.ImageFiles;
import org.xfer4j.data.image.Mnist;

/**
 * Distributed extraction on local[2] gives the single-process features row for row, bitwise: each executor runs the
 * same graph file with the same preprocessing, the int8 text graph one example at a time and the CNN per image (its
 * convolutions do not mix the examples of a batch), so batch and partition boundaries cannot change a value.
 */
@Tag("network")
class SparkFeatureExtractorTest {

    @Test
    void textFeaturesEqualTheSingleProcessOnesOverUnevenPartitionsWithOneSessionPerJvm() {
        SourceModel bge = SharedSpark.bge();
        Dataset<Row> frame = SharedSpark.subjectFrame(1, 0, 12, 47);
        assertThat(SharedSpark.partitionSizes(frame)).containsExactly(1, 0, 12, 47);
        int before = ExecutorModels.openings().count();
        List<Row> rows = SparkFeatureExtractor.of(SharedSpark.spark(), bge)
                .withSettings(new ExtractionSettings(8, 1, 5)).extract(frame, "subject", InputKind.TEXT)
                .collectAsList();
        // local[2]: both task threads share one JVM, so the three partitions share one opened model
        assertThat(ExecutorModels.openings().count() - before).isEqualTo(1);
        FeatureMatrix local = SharedSpark.xfer().extract(bge, SharedSpark.subjects(), List.of(bge.defaultFeatureLayer()));
        assertThat(rows).hasSize(60);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getInt(0)).isEqualTo(i);
            assertThat(floats(rows.get(i), 3)).as("row %d", i).isEqualTo(local.row(i));
        }
    }

    @Test
    void imageFeaturesFromPathsAndBytesEqualTheSingleProcessOnes(@TempDir Path dir) throws IOException {
        SourceModel mobilenet = SharedSpark.xfer().openModel("mobilenet-v2");
        org.xfer4j.api.data.Dataset digits = Mnist.digits(SharedSpark.xfer().context().cacheDir());
        List<Row> rows = new ArrayList<>();
        List<Sample> decoded = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path png = png(dir, (Sample.Image) digits.sample(i * 500), i);
            rows.add(RowFactory.create(png.toString(), Files.readAllBytes(png)));
            decoded.add(ImageFiles.decode(png));
        }
        StructType schema = new StructType().add("path", DataTypes.StringType).add("bytes", DataTypes.BinaryType);
        Dataset<Row> frame = SharedSpark.partitioned(rows, schema, 3, 17);
        FeatureMatrix local = SharedSpark.xfer().extract(mobilenet, new InMemoryDataset("digits", List.of(), decoded,
                new int[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}),
                List.of(mobilenet.defaultFeatureLayer()));
        SparkFeatureExtractor extractor = SparkFeatureExtractor.of(SharedSpark.spark(), mobilenet)
                .withSettings(new ExtractionSettings(4, 2, 16));
        List<Row> fromPaths = extractor.extract(frame, "path", InputKind.IMAGE_PATH).collectAsList();
        List<Row> fromBytes = extractor.extract(frame, "bytes", InputKind.IMAGE_BYTES).collectAsList();
        for (int i = 0; i < 20; i++) {
            assertThat(floats(fromPaths.get(i), 2)).as("row %d from its path", i).isEqualTo(local.row(i));
            assertThat(floats(fromBytes.get(i), 2)).as("row %d from its bytes", i).isEqualTo(local.row(i));
        }
    }

    @Test
    void aCorruptImageOnAnExecutorFailsTheJobNamingTheFile(@TempDir Path dir) throws IOException {
        SourceModel mobilenet = SharedSpark.xfer().openModel("mobilenet-v2");
        Path good = png(dir, (Sample.Image) Mnist.digits(SharedSpark.xfer().context().cacheDir()).sample(0), 0);
        Path corrupt = Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        StructType schema = new StructType().add("path", DataTypes.StringType);
        Dataset<Row> frame = SharedSpark.partitioned(List.of(RowFactory.create(good.toString()),
                RowFactory.create(good.toString()), RowFactory.create(corrupt.toString())), schema, 1, 2);
        Dataset<Row> features = SparkFeatureExtractor.of(SharedSpark.spark(), mobilenet)
                .extract(frame, "path", InputKind.IMAGE_PATH);
        assertThatThrownBy(features::collectAsList).satisfies(e -> assertThat(causes(e))
                .contains("cannot decode image " + corrupt).contains("failed in partition 1 on rows 0..1")
                .contains("row 1: cannot decode"));
    }

    @Test
    void badColumnsAndLayersAreRefusedOnTheDriverByName() {
        SourceModel bge = SharedSpark.bge();
        Dataset<Row> frame = SharedSpark.subjectFrame(60);
        SparkFeatureExtractor x = SparkFeatureExtractor.of(SharedSpark.spark(), bge);
        assertThatThrownBy(() -> x.extract(frame, "subjet", InputKind.TEXT)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("no input column 'subjet'").hasMessageContaining("subject");
        assertThatThrownBy(() -> x.extract(frame, "subject", InputKind.IMAGE_BYTES))
                .hasMessageContaining("input column subject is string; image-bytes input needs binary");
        assertThatThrownBy(() -> x.withOutputColumn("label").extract(frame, "subject", InputKind.TEXT))
                .hasMessageContaining("already has a column label");
        assertThatThrownBy(() -> x.withLayers(List.of("no-such-layer")).extract(frame, "subject", InputKind.TEXT))
                .hasMessageContaining("no layer 'no-such-layer'");
    }

    static float[] floats(Row row, int column) {
        List<Object> values = row.getList(column);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Float) values.get(i);
        }
        return out;
    }

    /** Every message of {@code e} and its causes, one per line. */
    static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t).append('\n');
        }
        return s.toString();
    }

    private static Path png(Path dir, Sample.Image image, int index) throws IOException {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        b.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
        Path file = dir.resolve("digit-" + index + ".png");
        ImageIO.write(b, "png", file.toFile());
        return file;
    }
}
