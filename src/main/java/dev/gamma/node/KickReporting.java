package dev.gamma.node;

import dev.gamma.cluster.ClusterCommands.BroadcastResult;
import dev.gamma.cluster.EventBusCommands;
import dev.gamma.relay.LocalPlayers;
import io.vertx.core.Future;
import java.util.List;

/** This node's kicks, as the cluster's commands ask for them, also told to the webhooks. */
record KickReporting(EventBusCommands.LocalActions actions, LocalPlayers players, Webhooks webhooks)
        implements EventBusCommands.LocalActions {

    @Override
    public Future<Integer> kick(List<String> sessionIds, String reason) {
        sessionIds.stream().distinct().map(players::byId)
                .forEach(found -> found.ifPresent(session -> webhooks.kicked(session, reason)));
        return actions.kick(sessionIds, reason);
    }

    @Override
    public Future<BroadcastResult> broadcast(String message) {
        return actions.broadcast(message);
    }
}
