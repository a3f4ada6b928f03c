package dev.gamma.cluster;

/**
 * Every event-bus address Gamma uses, in one place. Per-node addresses end with the node id. Every message is a
 * {@link CommandSeal} envelope around the body described here.
 */
public final class Addresses {
    private static final String PREFIX = "gamma.";

    private Addresses() {}

    /** Request-reply to the node holding the sessions: {ids, reason} → {kicked}. */
    public static String kick(String nodeId) {
        return PREFIX + "kick." + nodeId;
    }

    /** Request-reply to each node: {message} → {reached, unreachable}. */
    public static String broadcast(String nodeId) {
        return PREFIX + "broadcast." + nodeId;
    }
}
