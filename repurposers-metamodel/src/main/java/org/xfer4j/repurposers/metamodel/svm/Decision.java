package org.xfer4j.repurposers.metamodel.svm;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;

/** The decision values of every pairwise problem for a standardised example. */
interface Decision {

    /** Payload entry naming the kernel, so loading picks the right decision function. */
    String KERNEL_ENTRY = "svm.kernel";

    /** Writes {@code problems} decision values of the example at {@code x[offset ..]} into {@code out}. */
    void decide(double[] x, int offset, double[] out);

    /** Writes the decision values ([N, problems] float64) of the standardised rows {@code x} into {@code head}. */
    String exportOnnx(OnnxHead head, String x);

    /** Writes what {@link #load} needs. */
    void save(PayloadWriter payload);

    /** Reads what {@link #save} wrote. */
    static Decision load(PayloadReader payload) {
        String kernel = payload.getText(KERNEL_ENTRY);
        return switch (kernel) {
            case "linear" -> LinearDecision.load(payload);
            case "rbf" -> RbfDecision.load(payload);
            default -> throw new InvalidInputException("svm payload names unknown kernel '" + kernel + "'");
        };
    }
}
