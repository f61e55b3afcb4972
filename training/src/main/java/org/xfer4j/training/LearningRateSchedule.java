package org.xfer4j.training;

import org.xfer4j.api.InvalidOptionException;

/** A factor on the base learning rates, per epoch (epochs counted from 0). */
public sealed interface LearningRateSchedule {

    /** The factor for {@code epoch} of {@code epochs}. */
    double factor(int epoch, int epochs);

    /**
     * The factor for optimiser step {@code step} (from 0) of {@code steps}, within {@code epoch}; the epoch's factor
     * unless the schedule changes within epochs.
     */
    default double factor(long step, long steps, int epoch, int epochs) {
        return factor(epoch, epochs);
    }

    /** The same rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double factor(int epoch, int epochs) {
            return 1;
        }
    }

    /** Multiplied by {@code gamma} every {@code every} epochs. */
    record Step(int every, double gamma) implements LearningRateSchedule {
        public Step {
            if (every <= 0 || !(gamma > 0 && gamma <= 1)) {
                throw new InvalidOptionException("step schedule needs every > 0 and gamma in (0, 1], got every="
                        + every + ", gamma=" + gamma);
            }
        }

        @Override
        public double factor(int epoch, int epochs) {
            return Math.pow(gamma, epoch / every);
        }
    }

    /** Cosine annealing from 1 down to {@code minFactor} over the run. */
    record Cosine(double minFactor) implements LearningRateSchedule {
        public Cosine {
            if (!(minFactor >= 0 && minFactor <= 1)) {
                throw new InvalidOptionException("cosine schedule minimum factor must be in [0, 1], got " + minFactor);
            }
        }

        @Override
        public double factor(int epoch, int epochs) {
            double t = epochs <= 1 ? 0 : (double) epoch / (epochs - 1);
            return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * t));
        }
    }

    /**
     * Linear warm-up from near 0 to 1 over the first {@code warmup} fraction of the steps, then linear decay to 0 at
     * the last step (the schedule BERT fine-tuning uses); per step, not per epoch.
     */
    record Linear(double warmup) implements LearningRateSchedule {
        public Linear {
            if (!(warmup >= 0 && warmup < 1)) {
                throw new InvalidOptionException("linear schedule warm-up fraction must be in [0, 1), got " + warmup);
            }
        }

        @Override
        public double factor(int epoch, int epochs) {
            return factor(epoch, Math.max(1, epochs), epoch, epochs);
        }

        @Override
        public double factor(long step, long steps, int epoch, int epochs) {
            long warm = (long) Math.ceil(warmup * steps);
            if (step < warm) {
                return (step + 1.0) / (warm + 1.0);
            }
            return Math.max(0, (double) (steps - step) / Math.max(1, steps - warm));
        }
    }

    /** A schedule by name: "constant", "step:EVERY:GAMMA", "cosine[:MIN]" or "linear[:WARMUP]". */
    static LearningRateSchedule parse(String spec) {
        String[] p = spec.trim().split(":");
        try {
            return switch (p[0]) {
                case "constant" -> new Constant();
                case "step" -> new Step(Integer.parseInt(p[1]), Double.parseDouble(p[2]));
                case "cosine" -> new Cosine(p.length > 1 ? Double.parseDouble(p[1]) : 0);
                case "linear" -> new Linear(p.length > 1 ? Double.parseDouble(p[1]) : 0.1);
                default -> throw new InvalidOptionException("unknown learning-rate schedule '" + spec
                        + "'; use constant, step:EVERY:GAMMA, cosine[:MIN] or linear[:WARMUP]");
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidOptionException("bad learning-rate schedule '" + spec
                    + "'; use constant, step:EVERY:GAMMA, cosine[:MIN] or linear[:WARMUP]");
        }
    }
}
