package dev.gamma.node;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.PlayerRegistry;
import dev.gamma.relay.LoginPolicy;
import dev.gamma.relay.SessionInfo;
import dev.gamma.route.Route;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Cluster-wide login rules, decided from the registry's local mirror so that no login waits on the cluster:
 * a route's {@code max-players} counted over every node, and what to do when a name is already online.
 * A login this node admitted counts from that moment, not only once it is a player in the registry (after its
 * backend connected, or its server woke): logins arriving together, or held while a server starts, take places
 * one by one, and under {@code deny-new} two of one name are not both let in. Two logins racing on different
 * nodes can still both pass the last free slot; the mirror is seconds behind at most.
 */
final class ClusterPolicy implements LoginPolicy {
    enum DuplicateLogin { ALLOW, KICK_OLD, DENY_NEW }

    static final String KICKED_BY_NEW_LOGIN = "You logged in from another location.";
    static final String ALREADY_ONLINE = "You are already connected to this network.";

    private final PlayerRegistry registry;
    private final ClusterCommands commands;
    private final Supplier<DuplicateLogin> duplicateLogin;
    /** Logins admitted here and not yet settled, by route name and by lower-cased name (deny-new only). */
    private final Map<String, Integer> admittedOnRoute = new ConcurrentHashMap<>();
    private final Map<String, Integer> admittedNamed = new ConcurrentHashMap<>();

    ClusterPolicy(PlayerRegistry registry, ClusterCommands commands, Supplier<DuplicateLogin> duplicateLogin) {
        this.registry = registry;
        this.commands = commands;
        this.duplicateLogin = duplicateLogin;
    }

    @Override
    public Admission admit(Route route, SessionInfo player) {
        String place = route.maxPlayers() > 0 ? route.name() : null;
        if (place != null && !take(admittedOnRoute, place, n -> registry.onRoute(place) + n < route.maxPlayers())) {
            return Admission.refused("This server is full (" + route.maxPlayers() + " players). Try again later.");
        }
        DuplicateLogin rule = duplicateLogin.get();
        String name = player.username();
        if (rule == DuplicateLogin.ALLOW || name == null) { // no look at the name: any number may share it
            return admitted(place, null);
        }
        if (rule == DuplicateLogin.KICK_OLD) {
            List<PlayerEntry> sameName = registry.named(name);
            if (!sameName.isEmpty()) {
                commands.kickSessions(sameName, KICKED_BY_NEW_LOGIN); // the old sessions only, by id
            }
            return admitted(place, null);
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (!take(admittedNamed, key, n -> n == 0 && registry.named(name).isEmpty())) {
            give(admittedOnRoute, place);
            return Admission.refused(ALREADY_ONLINE);
        }
        return admitted(place, key);
    }

    /** Admitted, holding {@code place} on its route and {@code key} among names (null: none), till it settles. */
    private Admission admitted(String place, String key) {
        if (place == null && key == null) {
            return Admission.ok(); // nothing held: nothing to give back
        }
        return Admission.ok(() -> {
            give(admittedOnRoute, place);
            give(admittedNamed, key);
        });
    }

    /** Counts one more admitted login under {@code key} if {@code room} allows it with the ones counted already. */
    private static boolean take(Map<String, Integer> admitted, String key, IntPredicate room) {
        boolean[] taken = {false};
        admitted.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = room.test(now);
            return taken[0] ? Integer.valueOf(now + 1) : n; // boxed: a null n must stay null
        });
        return taken[0];
    }

    private static void give(Map<String, Integer> admitted, String key) {
        if (key != null) {
            admitted.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        }
    }
}
