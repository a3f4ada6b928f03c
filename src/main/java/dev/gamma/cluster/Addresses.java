package dev.gamma.cluster;

/**
 * Every event-bus address Gamma uses, in one place. Per-node addresses end with the node id. Every request and
 * every reply is a {@link CommandSeal} envelope around the JSON body described here.
 */
public final class Addresses {
    private static final String PREFIX = "gamma.";

    private Addresses() {}

    /**
     * Request-reply to the node relaying the sessions: {@code {ids: [session id, ...], reason}} →
     * {@code {kicked}}, how many of those sessions that node was relaying (each is closed, with the reason shown
     * where its stream is readable).
     */
    public static String kick(String nodeId) {
        return PREFIX + "kick." + nodeId;
    }

    /**
     * Request-reply to every node in turn (not a publish: each answer is summed): {@code {message}} →
     * {@code {reached, unreachable}}, that node's players shown the chat line and those whose stream Gamma cannot
     * write into (encrypted, or raw).
     */
    public static String broadcast(String nodeId) {
        return PREFIX + "broadcast." + nodeId;
    }

    /**
     * Request-reply to one node: {@code {withinMillis}} → {@code {deadline}}: that node drains (takes no new
     * players, closes the sessions left at the deadline, then stops); {@code deadline} is its drain's end, epoch ms,
     * which an earlier drain may have set sooner. {@code {resume: true}} → {@code {state: "serving"}} calls the
     * drain off (refused with 409 once its deadline has passed).
     */
    public static String drain(String nodeId) {
        return PREFIX + "drain." + nodeId;
    }

    /**
     * Request-reply to the node in charge of a route's wake action ({@link NodeDirectory#ownerOf} the route's name):
     * {@code {route}} → {@code {state}}, the route's wake state as that node sees it after the request (it runs
     * the route's wake action unless it is already starting).
     */
    public static String wake(String nodeId) {
        return PREFIX + "wake." + nodeId;
    }

    /**
     * Request-reply to every other node, once, when a node starts: {@code {}} → {@code {}}. It opens the event-bus
     * connections both ways, so that the first kick or broadcast does not wait for them.
     */
    public static String hello(String nodeId) {
        return PREFIX + "hello." + nodeId;
    }
}
