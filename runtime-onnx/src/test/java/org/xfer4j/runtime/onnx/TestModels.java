package org.xfer4j.runtime.onnx;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.runtime.onnx.model.ModelPackSource;
import org.xfer4j.runtime.onnx.model.OnnxSourceModel;

/** The real model packs the tests share, opened once per test JVM (never closed: the JVM exit releases them). */
public final class TestModels {

    private static OnnxSourceModel bge;
    private static OnnxSourceModel miniLm;

    private TestModels() {
    }

    /** The test context: the shared cache (-Dxfer4j.cache), CPU, 2 threads. */
    public static ProviderContext context() {
        ProviderContext d = ProviderContext.defaults();
        return new ProviderContext(d.cacheDir(), d.device(), 2, d.seed(), d.progress());
    }

    /** bge-small-en-v1.5 (quantised), first-token pooling. */
    public static synchronized OnnxSourceModel bge() {
        if (bge == null) {
            bge = (OnnxSourceModel) new ModelPackSource().open("bge-small-en-v1.5", context());
        }
        return bge;
    }

    /** all-MiniLM-L6-v2 (quantised), masked-mean pooling. */
    public static synchronized OnnxSourceModel miniLm() {
        if (miniLm == null) {
            miniLm = (OnnxSourceModel) new ModelPackSource().open("all-minilm-l6-v2", context());
        }
        return miniLm;
    }
}
