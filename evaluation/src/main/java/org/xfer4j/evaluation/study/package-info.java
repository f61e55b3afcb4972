/** Study files, the study protocol (draws, repeats, runs) and results appended run by run so studies resume. */
package org.xfer4j.evaluation.study;
