package org.xfer4j.api;

import java.util.Locale;

/** Where graphs run: the CPU or one CUDA device. */
public record Device(Kind kind, int index) {

    /** The kinds of device. */
    public enum Kind { CPU, CUDA }

    /** The CPU. */
    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (index < 0) {
            throw new InvalidOptionException("device index must be >= 0, got " + index);
        }
    }

    /** Parses "cpu", "cuda" or "cuda:N". */
    public static Device parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("cuda")) {
            return new Device(Kind.CUDA, 0);
        }
        if (t.startsWith("cuda:")) {
            try {
                return new Device(Kind.CUDA, Integer.parseInt(t.substring(5)));
            } catch (NumberFormatException e) {
                throw new InvalidOptionException("device must be cpu, cuda or cuda:N, got '" + text + "'");
            }
        }
        throw new InvalidOptionException("device must be cpu, cuda or cuda:N, got '" + text + "'");
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
