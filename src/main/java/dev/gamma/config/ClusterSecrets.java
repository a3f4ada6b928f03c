package dev.gamma.config;

import java.util.List;

/**
 * The cluster secret(s) every node of a cluster shares: the one to seal with first, then at most one older
 * secret that is still accepted while a fleet rolls over to the new one. Never printed: {@link #toString()}
 * names how many there are, not what they are.
 */
public record ClusterSecrets(List<String> values) {
    /** Shorter secrets are refused: they could be guessed by whoever can read the cluster's traffic. */
    public static final int MIN_LENGTH = 32;
    /** The new secret and the old one, during a rotation. */
    public static final int MAX_COUNT = 2;
    public static final ClusterSecrets NONE = new ClusterSecrets(List.of());
    /** The public example of docker/cluster.env.example: never a real cluster's secret. */
    public static final String EXAMPLE = "change-me-gamma-demo-cluster-secret-0123456789";

    public ClusterSecrets {
        values = List.copyOf(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return "ClusterSecrets[" + values.size() + " redacted]";
    }
}
