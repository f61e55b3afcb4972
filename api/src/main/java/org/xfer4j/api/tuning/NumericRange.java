package org.xfer4j.api.tuning;

import java.util.Objects;
import org.xfer4j.api.InvalidOptionException;

/**
 * A numeric option searched between {@code low} and {@code high} (both included), on a linear or a log scale,
 * as a real number or an integer.
 *
 * @param option the option key
 * @param low the smallest value tried
 * @param high the largest value tried
 * @param integer whether values are rounded to integers
 * @param logScale whether the search spreads its tries evenly over log(value) rather than value
 */
public record NumericRange(String option, double low, double high, boolean integer, boolean logScale)
        implements SearchDimension {

    public NumericRange {
        Objects.requireNonNull(option, "option");
        InvalidOptionException.require(Double.isFinite(low) && Double.isFinite(high) && low < high,
                "search range of option " + option + " must have finite bounds with low < high, got " + low + ".."
                        + high);
        InvalidOptionException.require(!logScale || low > 0,
                "log-scale search range of option " + option + " must be positive, got " + low + ".." + high);
        InvalidOptionException.require(!integer || low == Math.rint(low) && high == Math.rint(high),
                "integer search range of option " + option + " must have integer bounds, got " + low + ".." + high);
    }

    /** Real values spread evenly over log(value). */
    public static NumericRange log(String option, double low, double high) {
        return new NumericRange(option, low, high, false, true);
    }

    /** Real values spread evenly. */
    public static NumericRange linear(String option, double low, double high) {
        return new NumericRange(option, low, high, false, false);
    }

    /** Integers spread evenly. */
    public static NumericRange integers(String option, long low, long high) {
        return new NumericRange(option, low, high, true, false);
    }

    /** Integers spread evenly over log(value). */
    public static NumericRange logIntegers(String option, long low, long high) {
        return new NumericRange(option, low, high, true, true);
    }

    /**
     * The value at {@code u} in [0, 1] of the range (0 is low, 1 is high): rounded to an integer for an integer
     * range, else to 6 significant digits (so a bound reads 0.001, not the 0.0010000000000000002 of exp(log)).
     */
    public double valueAt(double u) {
        double t = Math.min(1, Math.max(0, u));
        double v = logScale ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
        double rounded = integer ? Math.rint(v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
        return Math.min(high, Math.max(low, rounded));
    }

    /** The position in [0, 1] of {@code value} in the range: the inverse of {@link #valueAt}. */
    public double positionOf(double value) {
        double v = Math.min(high, Math.max(low, value));
        return logScale ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low)) : (v - low) / (high - low);
    }

    /** {@code value} as option text: an integer without a decimal point for integer ranges. */
    public String format(double value) {
        return integer ? Long.toString(Math.round(value)) : Double.toString(value);
    }
}
