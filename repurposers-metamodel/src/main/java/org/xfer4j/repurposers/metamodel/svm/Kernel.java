package org.xfer4j.repurposers.metamodel.svm;

/** The kernels the {@code svm} repurposer offers. */
public enum Kernel {
    /** k(x, z) = x.z; trained in the primal weight space by dual coordinate descent. */
    LINEAR,
    /** k(x, z) = exp(-gamma |x - z|^2); trained by SMO over a cache of kernel rows. */
    RBF
}
