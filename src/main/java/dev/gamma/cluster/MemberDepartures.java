package dev.gamma.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Context;

/**
 * A member that left: its node's players and entry go. Called on a Hazelcast event thread; the work goes to
 * {@code context}.
 */
final class MemberDepartures implements MembershipListener {
    private final HazelcastNodeDirectory nodes;
    private final HazelcastPlayerRegistry players;
    private final Context context;

    MemberDepartures(HazelcastNodeDirectory nodes, HazelcastPlayerRegistry players, Context context) {
        this.nodes = nodes;
        this.players = players;
        this.context = context;
    }

    @Override
    public void memberAdded(MembershipEvent event) {
    }

    /**
     * Any member can claim any node id in its attribute: the departure counts only for the node whose sealed entry
     * names this very member, and never for this node. Players of a node that never announced itself go at the
     * sweep, once no member carries its id.
     */
    @Override
    public void memberRemoved(MembershipEvent event) {
        String nodeId = event.getMember().getAttribute(HazelcastCrosstalk.NODE_ID_ATTRIBUTE);
        HazelcastNodeDirectory.MemberEntry entry = nodeId == null ? null : nodes.entry(nodeId);
        if (nodeId == null || nodeId.equals(nodes.selfId()) || entry == null
                || !entry.member().equals(event.getMember().getUuid().toString())) {
            return;
        }
        context.runOnContext(v -> {
            players.removeDeparted(nodeId);
            nodes.forget(nodeId);
        });
    }
}
