/** The xfer4j command line: list models and layers, extract features, repurpose, predict, run studies, quickstart. */
module org.xfer4j.cli {
    requires org.xfer4j.api;
    requires org.xfer4j.data;
    requires org.xfer4j.core;
    requires org.xfer4j.evaluation;
    requires info.picocli;
    requires me.tongfei.progressbar;

    opens org.xfer4j.cli to info.picocli;
}
