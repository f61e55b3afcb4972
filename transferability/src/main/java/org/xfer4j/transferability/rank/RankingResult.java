package org.xfer4j.transferability.rank;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every estimator's score of every candidate for one dataset, with the milliseconds spent extracting each model's
 * features (or reading them from the cache).
 */
public record RankingResult(String data, int examples, List<String> estimators, List<Candidate> candidates,
                            List<CandidateScore> scores, Map<String, Double> extractionMillis) {

    public RankingResult {
        estimators = List.copyOf(estimators);
        candidates = List.copyOf(candidates);
        scores = List.copyOf(scores);
        extractionMillis = Map.copyOf(extractionMillis);
    }

    /** {@code estimator}'s score of {@code candidate}. */
    public CandidateScore score(Candidate candidate, String estimator) {
        return scores.stream().filter(s -> s.candidate().equals(candidate) && s.estimator().equals(estimator))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no score of " + candidate + " by "
                        + estimator));
    }

    /** The first estimator (in the order asked) that scored at least one candidate, else the first asked. */
    public String primaryEstimator() {
        return estimators.stream().filter(e -> scores.stream().anyMatch(s -> s.estimator().equals(e) && s.ok()))
                .findFirst().orElse(estimators.getFirst());
    }

    /** The candidates best first by {@code estimator}'s score; those it could not score come last, in order. */
    public List<Candidate> ordered(String estimator) {
        Comparator<Candidate> byScore = Comparator.comparingDouble(c -> {
            CandidateScore s = score(c, estimator);
            return s.ok() ? -s.score() : Double.POSITIVE_INFINITY;
        });
        return candidates.stream().sorted(byScore).toList();
    }

    /** The 1-based rank of {@code candidate} by {@code estimator} (ties share the better rank), 0 when unscored. */
    public int rank(Candidate candidate, String estimator) {
        CandidateScore s = score(candidate, estimator);
        if (!s.ok()) {
            return 0;
        }
        return 1 + (int) candidates.stream().map(c -> score(c, estimator))
                .filter(o -> o.ok() && o.score() > s.score()).count();
    }
}
