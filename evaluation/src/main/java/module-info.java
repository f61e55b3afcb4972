/**
 * The benchmark harness: study files, few-shot draws and repeats over any dataset, model and method, results that
 * resume after an interruption, paired significance tests and HTML reports; used by the CLI, host applications and
 * tests alike.
 */
module org.xfer4j.evaluation {
    requires transitive org.xfer4j.core;
    requires transitive org.xfer4j.data;
    requires org.snakeyaml.engine;
    requires org.knowm.xchart;
    requires java.desktop;
    requires java.management;

    exports org.xfer4j.evaluation.report;
    exports org.xfer4j.evaluation.stats;
    exports org.xfer4j.evaluation.study;
}
