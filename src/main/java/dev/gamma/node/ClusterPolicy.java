package dev.gamma.node;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.PlayerEntry;
import dev.gamma.cluster.PlayerRegistry;
import dev.gamma.relay.LoginPolicy;
import dev.gamma.relay.SessionInfo;
import dev.gamma.route.Route;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cluster-wide login rules, decided from the registry's local mirror so that no login waits on the cluster:
 * a route's {@code max-players} counted over every node, and what to do when a name is already online.
 * Two logins racing on different nodes can both pass the last free slot; the mirror is seconds behind at most.
 */
final class ClusterPolicy implements LoginPolicy {
    enum DuplicateLogin { ALLOW, KICK_OLD, DENY_NEW }

    static final String KICKED_BY_NEW_LOGIN = "You logged in from another location.";
    static final String ALREADY_ONLINE = "You are already connected to this network.";

    private final PlayerRegistry registry;
    private final ClusterCommands commands;
    private final Supplier<DuplicateLogin> duplicateLogin;

    ClusterPolicy(PlayerRegistry registry, ClusterCommands commands, Supplier<DuplicateLogin> duplicateLogin) {
        this.registry = registry;
        this.commands = commands;
        this.duplicateLogin = duplicateLogin;
    }

    @Override
    public Admission admit(Route route, SessionInfo player) {
        if (route.maxPlayers() > 0) {
            if (registry.onRoute(route.name()) >= route.maxPlayers()) {
                return Admission.refused("This server is full (" + route.maxPlayers() + " players). Try again later.");
            }
        }
        DuplicateLogin rule = duplicateLogin.get();
        String name = player.username();
        if (rule == DuplicateLogin.ALLOW || name == null) {
            return Admission.ok(); // no look at the name: under allow, any number of players may share it
        }
        List<PlayerEntry> sameName = registry.named(name);
        if (sameName.isEmpty()) {
            return Admission.ok();
        }
        if (rule == DuplicateLogin.DENY_NEW) {
            return Admission.refused(ALREADY_ONLINE);
        }
        commands.kickSessions(sameName, KICKED_BY_NEW_LOGIN); // the old sessions only, by id
        return Admission.ok();
    }
}
