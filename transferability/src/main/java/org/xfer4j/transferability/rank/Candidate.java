package org.xfer4j.transferability.rank;

/** A source model and one of its layers, whose features might serve the target task. */
public record Candidate(String model, String layer) {

    @Override
    public String toString() {
        return model + " @ " + layer;
    }
}
