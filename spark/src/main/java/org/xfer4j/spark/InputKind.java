package org.xfer4j.spark;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.image.ImageFiles;

/** What an input column holds, and how one of its values becomes a sample for the model's preprocessing. */
public enum InputKind {
    /** A string column of texts, tokenised by the model's tokenizer. */
    TEXT(DataTypes.StringType),
    /** A string column of image file paths, readable on every executor. */
    IMAGE_PATH(DataTypes.StringType),
    /** A binary column of encoded images (PNG, JPEG...), such as {@code spark.read.format("binaryFile")} gives. */
    IMAGE_BYTES(DataTypes.BinaryType);

    private final DataType columnType;

    InputKind(DataType columnType) {
        this.columnType = columnType;
    }

    /** The Spark type the input column must have. */
    public DataType columnType() {
        return columnType;
    }

    /**
     * The kind named {@code name} ({@code text}, {@code image-path}, {@code image-bytes}).
     *
     * @throws InvalidOptionException listing the kinds for any other name
     */
    public static InputKind parse(String name) {
        for (InputKind k : values()) {
            if (k.optionName().equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new InvalidOptionException("input kind must be text, image-path or image-bytes, not '" + name + "'");
    }

    /** The name {@link #parse} reads. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * {@code value} of column {@code column} as a sample.
     *
     * @throws InvalidInputException naming the column (and file) for a null value or an image that cannot be decoded
     */
    Sample sample(Object value, String column) {
        if (value == null) {
            throw new InvalidInputException("column " + column + " holds null; every row needs a " + optionName());
        }
        return switch (this) {
            case TEXT -> new Sample.Text((String) value);
            case IMAGE_PATH -> ImageFiles.decode(Path.of((String) value));
            case IMAGE_BYTES -> ImageFiles.decode((byte[]) value, "the image bytes in column " + column);
        };
    }
}
