package org.xfer4j.repurposers.metamodel.bnn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.OptionReader;
import org.xfer4j.api.Options;

/**
 * Options of {@code bnn}.
 *
 * @param hiddenLayers number of hidden layers, 1 or 2 (key {@code hiddenLayers})
 * @param width units per hidden layer (key {@code width})
 * @param activation hidden nonlinearity, relu or tanh (key {@code activation})
 * @param priorSigma standard deviation of the zero-mean Gaussian prior on every weight and bias, in units of
 *        1/sqrt(fan-in) of its layer, so the prior over each layer's pre-activations does not depend on the widths
 *        (key {@code priorSigma})
 * @param steps Adam steps, each on one minibatch and one weight draw (key {@code steps})
 * @param batchSize examples per minibatch; smaller training sets make one full batch (key {@code batchSize})
 * @param learningRate Adam's step size (key {@code learningRate})
 * @param klWeight weight of the KL term once warmed up: 1 maximises the evidence lower bound; below 1 tempers
 *        the posterior, which a wide network needs when a few examples cannot outweigh the KL of thousands of
 *        weights (key {@code klWeight})
 * @param warmup fraction of the steps over which the weight of the KL term rises linearly from 0 to 1 (KL
 *        annealing); 0 trains on the full evidence lower bound from the start (key {@code warmup})
 * @param samples weight draws whose softmax outputs are averaged when predicting (key {@code samples})
 */
public record BnnOptions(int hiddenLayers, int width, Activation activation, double priorSigma, int steps,
        int batchSize, double learningRate, double klWeight, double warmup, int samples) implements Options {

    /**
     * One ReLU layer of 64, prior sigma 10/sqrt(fan-in), 1000 steps of 32 at learning rate 0.01, the full evidence
     * lower bound after a warm-up of half the steps, 50 draws when predicting. Chosen on validation splits of the
     * spam-subject and Fashion-MNIST training parts (bench/README.md): smaller priors (1, 3) pull a network that
     * sees 10-100 examples to near-chance accuracy, since its thousands of weights cannot leave the prior.
     */
    public static final BnnOptions DEFAULTS = new BnnOptions(1, 64, Activation.RELU, 10.0, 1000, 32, 0.01, 1.0,
            0.5, 50);

    public BnnOptions {
        InvalidOptionException.require(hiddenLayers == 1 || hiddenLayers == 2,
                "bnn option hiddenLayers must be 1 or 2, got " + hiddenLayers);
        InvalidOptionException.require(width >= 1, "bnn option width must be at least 1, got " + width);
        InvalidOptionException.require(activation != null, "bnn option activation must be relu or tanh");
        InvalidOptionException.require(priorSigma > 0 && Double.isFinite(priorSigma),
                "bnn option priorSigma must be a positive number, got " + priorSigma);
        InvalidOptionException.require(steps >= 1, "bnn option steps must be at least 1, got " + steps);
        InvalidOptionException.require(batchSize >= 1, "bnn option batchSize must be at least 1, got " + batchSize);
        InvalidOptionException.require(learningRate > 0 && Double.isFinite(learningRate),
                "bnn option learningRate must be a positive number, got " + learningRate);
        InvalidOptionException.require(klWeight > 0 && klWeight <= 1,
                "bnn option klWeight must be in (0, 1], got " + klWeight);
        InvalidOptionException.require(warmup >= 0 && warmup <= 1,
                "bnn option warmup must be a fraction in [0, 1], got " + warmup);
        InvalidOptionException.require(samples >= 1, "bnn option samples must be at least 1, got " + samples);
    }

    /** Options from key=value properties; missing keys take {@link #DEFAULTS}. */
    public static BnnOptions parse(Map<String, String> properties) {
        OptionReader r = OptionReader.of("bnn", properties);
        BnnOptions o = new BnnOptions(r.getInt("hiddenLayers", DEFAULTS.hiddenLayers), r.getInt("width", DEFAULTS.width),
                r.getEnum("activation", Activation.class, DEFAULTS.activation),
                r.getDouble("priorSigma", DEFAULTS.priorSigma), r.getInt("steps", DEFAULTS.steps),
                r.getInt("batchSize", DEFAULTS.batchSize), r.getDouble("learningRate", DEFAULTS.learningRate),
                r.getDouble("klWeight", DEFAULTS.klWeight),
                r.getDouble("warmup", DEFAULTS.warmup), r.getInt("samples", DEFAULTS.samples));
        r.finish();
        return o;
    }

    @Override
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hiddenLayers", Integer.toString(hiddenLayers));
        p.put("width", Integer.toString(width));
        p.put("activation", activation.name().toLowerCase(Locale.ROOT));
        p.put("priorSigma", Double.toString(priorSigma));
        p.put("steps", Integer.toString(steps));
        p.put("batchSize", Integer.toString(batchSize));
        p.put("learningRate", Double.toString(learningRate));
        p.put("klWeight", Double.toString(klWeight));
        p.put("warmup", Double.toString(warmup));
        p.put("samples", Integer.toString(samples));
        return p;
    }

    @Override
    public Map<String, String> help() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("hiddenLayers", "number of hidden layers, 1 or 2");
        h.put("width", "units per hidden layer");
        h.put("activation", "hidden nonlinearity: relu or tanh");
        h.put("priorSigma", "prior standard deviation of every weight, in units of 1/sqrt(fan-in)");
        h.put("steps", "Adam steps, one minibatch and one weight draw each");
        h.put("batchSize", "examples per minibatch");
        h.put("learningRate", "Adam's step size");
        h.put("klWeight", "final weight of the KL term: 1 is the evidence lower bound, below 1 tempers it");
        h.put("warmup", "fraction of the steps over which the KL weight rises from 0 (annealing)");
        h.put("samples", "weight draws whose softmax outputs are averaged when predicting");
        return h;
    }
}
