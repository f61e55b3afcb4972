package org.xfer4j.transferability.rank;

/**
 * One estimator's score of one candidate with the milliseconds it took, or, when it could not be computed, NaN and
 * the reason (a class with one example, NaN features, no classification head, ...).
 */
public record CandidateScore(Candidate candidate, int dimensions, String estimator, double score, double millis,
                             String problem) {

    /** Whether the score was computed. */
    public boolean ok() {
        return problem == null;
    }
}
