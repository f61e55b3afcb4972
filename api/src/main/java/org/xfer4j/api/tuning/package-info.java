/**
 * Search spaces over a method's options: the numeric ranges and categorical choices a hyper-parameter search may
 * try, declared by a provider as its defaults ({@link org.xfer4j.api.repurpose.RepurposerProvider#searchSpace()})
 * or given by the user.
 */
package org.xfer4j.api.tuning;
