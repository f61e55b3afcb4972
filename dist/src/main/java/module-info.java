/**
 * The xfer4j command line: list models and layers, extract features, repurpose, predict, rank candidates by
 * transferability, run studies, quickstart, meta-train and meta-test.
 */
module org.xfer4j.cli {
    requires org.xfer4j.api;
    requires org.xfer4j.data;
    requires org.xfer4j.core;
    requires org.xfer4j.evaluation;
    requires org.xfer4j.meta;
    requires org.xfer4j.runtime.onnx;
    requires org.xfer4j.training;
    requires org.xfer4j.transferability;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires java.desktop;

    opens org.xfer4j.cli to info.picocli;
}
