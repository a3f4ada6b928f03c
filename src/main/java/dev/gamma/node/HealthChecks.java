package dev.gamma.node;

import dev.gamma.cluster.HealthTable;
import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.protocol.Printable;
import dev.gamma.route.Backend;
import dev.gamma.route.BackendState;
import dev.gamma.route.HealthCheck;
import dev.gamma.route.HealthStreak;
import dev.gamma.route.Route;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active health checks of the backends this node is in charge of ({@link NodeDirectory#ownerOf}, by backend):
 * one node per backend checks it and writes its state to the shared health table, again every few seconds so it
 * stays fresh. When membership changes, ownership moves and the next owner goes on from the shared state. A
 * {@code down} written by another node (failed logins' connects) is taken over: only these checks bring a backend up.
 * Runs on one Vert.x context ({@link #tick} from a periodic timer).
 */
final class HealthChecks {
    static final long TICK_MILLIS = 250;
    /** Well within the 30 s after which a value no longer counts. */
    static final long REWRITE_MILLIS = 5_000;
    /** Long ago on any clock, and far enough from the minimum that {@code now - NEVER} cannot overflow. */
    private static final long NEVER = Long.MIN_VALUE / 4;
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    /** Checks one backend within a time: a connect and a status answer. */
    interface Probe {
        Future<?> check(Route route, Backend backend, Duration within);
    }

    /** A backend this node checks: its streak, when it was last checked, and this node's last write. */
    private static final class Owned {
        HealthStreak streak;
        long checkedAt = NEVER;
        boolean checking;
        long wroteAt = NEVER;
        BackendState wrote;
        long stamp;

        Owned(HealthStreak streak, long stamp) {
            this.streak = streak;
            this.stamp = stamp;
        }
    }

    private final Supplier<Map<String, SharedRoute>> routes;
    private final NodeDirectory nodes;
    private final HealthTable table;
    private final Probe probe;
    private final FleetBackends passive;
    private final LongSupplier millis;
    private final Map<Backend, Owned> owned = new HashMap<>();
    private volatile Map<String, SharedRoute> seen;
    private volatile Map<Backend, Route> targets = Map.of();

    /** @param millis a monotonic clock in milliseconds */
    HealthChecks(Supplier<Map<String, SharedRoute>> routes, NodeDirectory nodes, HealthTable table, Probe probe,
            FleetBackends passive, LongSupplier millis) {
        this.routes = routes;
        this.nodes = nodes;
        this.table = table;
        this.probe = probe;
        this.passive = passive;
        this.millis = millis;
    }

    /**
     * Each backend of a route with checks, with the route whose checks apply: the first by host that names it (keep
     * the checks of routes sharing a backend the same).
     */
    Map<Backend, Route> targets() {
        Map<String, SharedRoute> current = routes.get();
        if (current != seen) {
            Map<Backend, Route> next = new LinkedHashMap<>();
            current.values().stream().sorted(Comparator.comparing(SharedRoute::host)).map(SharedRoute::route)
                    .filter(route -> route.health() != null)
                    .forEach(route -> route.backends().forEach(backend -> next.putIfAbsent(backend, route)));
            targets = next;
            seen = current;
            passive.retain(next.keySet());
        }
        return targets;
    }

    /** The state of every checked backend, as this node reads the shared table. */
    Map<Backend, BackendState> states() {
        Map<Backend, BackendState> states = new LinkedHashMap<>();
        targets().keySet().forEach(backend -> states.put(backend, table.state(backend)));
        return states;
    }

    void tick() {
        Map<Backend, Route> current = targets();
        owned.keySet().removeIf(backend -> !current.containsKey(backend) || !nodes.owns(backend.toString()));
        long now = millis.getAsLong();
        current.forEach((backend, route) -> {
            if (nodes.owns(backend.toString())) {
                Owned state = owned.computeIfAbsent(backend, b -> new Owned(HealthStreak.of(table.state(b)),
                        table.writtenAt(b)));
                follow(backend, state);
                check(backend, route, state, now);
                write(backend, state, now);
            }
        });
    }

    /** Another node wrote since this one: a {@code down} is taken over, anything else is written over. */
    private void follow(Backend backend, Owned state) {
        long stamp = table.writtenAt(backend);
        if (stamp == state.stamp) {
            return;
        }
        state.stamp = stamp;
        if (table.state(backend) == BackendState.DOWN) {
            if (state.streak.state() != BackendState.DOWN) {
                LOG.info("backend {} marked down by failed logins; checking it until it passes", backend);
            }
            state.streak = HealthStreak.of(BackendState.DOWN);
            state.wrote = BackendState.DOWN;
        } else {
            state.wrote = null;
        }
    }

    private void check(Backend backend, Route route, Owned state, long now) {
        HealthCheck check = route.health();
        if (state.checking || now - state.checkedAt < check.interval().toMillis()) {
            return;
        }
        state.checking = true;
        state.checkedAt = now;
        probe.check(route, backend, check.timeout()).onComplete(result -> {
            state.checking = false;
            BackendState before = state.streak.state();
            state.streak = result.succeeded() ? state.streak.passed(check) : state.streak.failed(check);
            if (before != state.streak.state()) {
                String why = result.failed() ? String.valueOf(result.cause().getMessage()) : null;
                LOG.info("backend {} is {}{}", backend, state.streak.state().label(),
                        why == null ? "" : " (" + Printable.escape(why, 200) + ")");
            }
            if (owned.get(backend) == state) {
                write(backend, state, millis.getAsLong());
            }
        });
    }

    private void write(Backend backend, Owned state, long now) {
        BackendState concluded = state.streak.state();
        if (concluded == BackendState.UNKNOWN
                || concluded == state.wrote && now - state.wroteAt < REWRITE_MILLIS) {
            return;
        }
        table.write(backend, concluded);
        state.wrote = concluded;
        state.wroteAt = now;
        state.stamp = table.writtenAt(backend);
    }
}
