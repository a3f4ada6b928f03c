package dev.gamma.cluster;

import io.vertx.core.Future;

/** What an operator can do to players anywhere in the cluster, from any node. */
public interface ClusterCommands {

    /**
     * Ends every session of the player named {@code name} (case-insensitive) on whichever node holds it, with
     * the reason shown in-band where the stream is readable. Answers how many sessions were closed: 0 when
     * the player is not online.
     */
    Future<Integer> kick(String name, String reason);

    /** Ends exactly these sessions (not others of the same name), wherever they are. */
    Future<Integer> kickSessions(java.util.List<PlayerEntry> sessions, String reason);

    /** Shows every readable session a system chat line; sums, over all nodes, who got it and who could not. */
    Future<BroadcastResult> broadcast(String message);

    /**
     * Asks node {@code nodeId} (this one included) to drain: take no new players and close the sessions left after
     * {@code within}, then stop. Answers the drain's deadline, epoch ms: a node already draining keeps an earlier one.
     */
    Future<Long> drain(String nodeId, java.time.Duration within);

    /**
     * Asks node {@code nodeId} to call its drain off before the deadline: it takes players again. Nothing to do for a
     * serving node; fails with {@link Conflict} once the deadline has passed.
     */
    Future<Void> resume(String nodeId);

    /** A command the node refuses in the state it is in (answered with 409 over the event bus and the API). */
    final class Conflict extends IllegalStateException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** Players who got a broadcast, and those whose stream Gamma cannot write into (encrypted or raw). */
    record BroadcastResult(int reached, int unreachable) {}
}
