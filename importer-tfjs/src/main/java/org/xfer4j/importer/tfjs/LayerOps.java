package org.xfer4j.importer.tfjs;

/** Which translation each supported Keras layer class gets. */
final class LayerOps {

    private LayerOps() {
    }

    static LayerOp forLayer(KerasLayer layer) {
        return switch (layer.className()) {
            case "Conv2D" -> Convolutions::conv2d;
            case "DepthwiseConv2D" -> Convolutions::depthwise;
            case "SeparableConv2D" -> Convolutions::separable;
            case "Dense" -> Dense::apply;
            case "BatchNormalization" -> BatchNormalization::apply;
            case "Rescaling" -> Rescaling::apply;
            case "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax" -> Activations::layer;
            case "Add", "Multiply", "Subtract", "Average", "Maximum", "Minimum" -> Merges::elementwise;
            case "Concatenate" -> Merges::concatenate;
            case "MaxPooling2D", "AveragePooling2D" -> Poolings::window;
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> Poolings::global;
            case "Flatten" -> Reshapes::flatten;
            case "Reshape" -> Reshapes::reshape;
            case "ZeroPadding2D" -> Reshapes::zeroPadding;
            case "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "AlphaDropout",
                    "ActivityRegularization" -> Reshapes::identity;
            default -> throw layer.unsupported("this layer type is not supported by the TF.js importer");
        };
    }
}
