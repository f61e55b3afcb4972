package org.xfer4j.meta.learners;

import java.util.Map;
import org.xfer4j.api.Options;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.testkit.MetaLearnerContract;

/** {@code maml} passes the meta-learner contract (through the step-by-step inner loop the line model needs). */
class MamlContractTest extends MetaLearnerContract {

    @Override
    protected MetaLearnerProvider provider() {
        return new MamlProvider();
    }

    @Override
    protected Options shortRun() {
        return provider().parseOptions(Map.of("metaSteps", "40", "checkpointEvery", "10", "innerSteps", "3", "innerLr", "0.1", "outerLr", "0.05"));
    }

    @Override
    protected Map<String, String> nonDefaultOptions() {
        return Map.of("firstOrder", "true", "innerSteps", "3");
    }
}
