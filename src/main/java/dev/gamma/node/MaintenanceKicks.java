package dev.gamma.node;

import dev.gamma.cluster.SharedRoute;
import dev.gamma.relay.LocalPlayers;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionInfo;
import dev.gamma.route.Maintenance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kick-current}: each node, whenever its route table changes, kicks its own players on a route in maintenance
 * with kick-current whose names are not allowed, with the route's message (in-band where the stream is readable).
 * No command crosses the cluster: every node sees the change in the shared route table and acts on its own sessions.
 * Running again is harmless: a name that is not allowed cannot log in while the route is in maintenance.
 */
final class MaintenanceKicks {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceKicks.class);

    private final Supplier<List<PlayerSession>> players;

    MaintenanceKicks(LocalPlayers players) {
        this(players::all);
    }

    MaintenanceKicks(Supplier<List<PlayerSession>> players) {
        this.players = players;
    }

    /** Kicks who must go under {@code table}; answers how many sessions it kicked. */
    int apply(Map<String, SharedRoute> table) {
        Map<String, Maintenance> kicking = new HashMap<>();
        table.values().forEach(entry -> {
            Maintenance m = entry.route().maintenance();
            if (m.enabled() && m.kickCurrent()) {
                kicking.put(entry.route().name(), m);
            }
        });
        if (kicking.isEmpty()) {
            return 0;
        }
        int kicked = 0;
        for (PlayerSession session : players.get()) {
            SessionInfo info = session.info();
            Maintenance m = kicking.get(info.route());
            if (m != null && !m.admits(info.username())) {
                session.kick(m.shownMessage());
                kicked++;
            }
        }
        if (kicked > 0) {
            LOG.info("maintenance: kicked {} players who are not on their route's allow-list", kicked);
        }
        return kicked;
    }
}
