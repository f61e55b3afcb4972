package org.xfer4j.meta.learners;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Leap (Flennerhag et al., 2019) as Xfer's Leap computed it: along each task's inner path theta_0..theta_K with
 * losses f_i and gradients g_i, for every step dtheta = theta_i - theta_{i-1} and df = f_i - f_{i-1} (sign-flipped when
 * positive), n = sqrt(df^2 + |dtheta|^2) (path length) or 1 (energy), G -= (dtheta + df g_{i-1}) / n (the df term
 * only with {@code lossTerm}); the direction is G averaged over the tasks.
 */
record LeapRule(LeapNorm norm, boolean lossTerm) implements OuterRule {

    @Override
    public Set<Need> needs() {
        return EnumSet.of(Need.TRAJECTORY);
    }

    @Override
    public Flat direction(Flat theta, List<Outcome> outcomes) {
        return OuterRule.mean(theta, outcomes.stream().map(o -> taskDirection(theta, o)).toList());
    }

    Flat taskDirection(Flat theta, Outcome o) {
        if (o.leapDirection() != null) {
            return o.leapDirection();
        }
        Flat g = theta.zeros();
        List<Flat> path = o.trajectory();
        float[] f = o.supportLosses();
        for (int i = 1; i < path.size(); i++) {
            Flat step = path.get(i).minus(path.get(i - 1));
            double df = (double) f[i] - f[i - 1];
            if (df > 0) {
                df = -df;
            }
            double n = norm == LeapNorm.LENGTH ? Math.sqrt(df * df + step.squaredNorm()) : 1;
            if (n == 0) {
                continue; // a step that moved nothing adds nothing
            }
            g.addScaled(-1 / n, step);
            if (lossTerm) {
                g.addScaled(-df / n, o.gradients().get(i - 1));
            }
        }
        return g;
    }
}
