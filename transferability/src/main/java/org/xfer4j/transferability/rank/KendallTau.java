package org.xfer4j.transferability.rank;

import org.xfer4j.api.InvalidInputException;

/** Kendall's rank correlation between two scorings of the same items (tau-b, which corrects for ties). */
public final class KendallTau {

    private KendallTau() {
    }

    /**
     * Tau-b of {@code a} and {@code b}: +1 when they order every pair alike, -1 when they order every pair
     * oppositely; NaN when either gives every item the same score.
     *
     * @throws InvalidInputException when the lengths differ or fewer than 2 items are given
     */
    public static double of(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new InvalidInputException("Kendall's tau needs two scorings of the same 2 or more items, got "
                    + a.length + " and " + b.length);
        }
        long concordant = 0;
        long discordant = 0;
        long tiesA = 0;
        long tiesB = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                double da = Math.signum(a[i] - a[j]);
                double db = Math.signum(b[i] - b[j]);
                if (da == 0 && db == 0) {
                    continue;
                }
                if (da == 0) {
                    tiesA++;
                } else if (db == 0) {
                    tiesB++;
                } else if (da == db) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        double denominator = Math.sqrt((double) (concordant + discordant + tiesA)
                * (concordant + discordant + tiesB));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }
}
