package dev.gamma.node;

import dev.gamma.cluster.ActionClaims;
import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.SharedRoute;
import dev.gamma.cluster.WakeTable;
import dev.gamma.protocol.Printable;
import dev.gamma.route.Route;
import dev.gamma.route.Wake;
import dev.gamma.route.WakeAction;
import dev.gamma.route.WakeState;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duties of the node in charge of a route with {@code wake} ({@link NodeDirectory#ownerOf} its name): it alone
 * runs the route's actions, at most one at a time, and writes the route's state to the shared table (again every few
 * seconds, so that it stays fresh). It wakes the server when asked, unless it is awake or starting already (until
 * the hold passed); it puts it to sleep after {@code sleep-after} without a player anywhere in the fleet and without a login
 * waiting, counting the players again right before. When ownership moves, the next owner goes on from the shared
 * state. While nodes disagree on who is in charge (a member joining or leaving), an action runs only on the node
 * that claims the route first ({@link ActionClaims}). Everything runs on one Vert.x context.
 */
final class WakeOwner {
    private static final Logger LOG = LoggerFactory.getLogger(WakeOwner.class);
    static final long PROBE_MILLIS = 1_000;
    static final long REWRITE_MILLIS = 5_000;
    /** After a sleep action a backend that still answers is shutting down, not awake. */
    static final long SLEEP_GRACE_MILLIS = 10_000;
    /** A node holding a login asks again every {@value Wakes#ASK_AGAIN_MILLIS} ms: a request this recent means one. */
    static final long DEMAND_MILLIS = 5_000;
    /** Longer than an action may run; the claim is released when it ends, or lapses if this node dies meanwhile. */
    static final Duration SLEEP_CLAIM = WakeActions.COMMAND_TIMEOUT.plusSeconds(10);
    private static final long NEVER = Long.MIN_VALUE / 4;

    /** Runs an action; {@code purpose} is wake or sleep. */
    interface Runner {
        Future<Void> run(String route, String purpose, WakeAction action);
    }

    /** Whether one of the route's backends accepts a connection. */
    interface Probe {
        Future<Void> probe(Route route);
    }

    /** What this node knows of a route it is in charge of. */
    private static final class Owned {
        WakeState state;
        long since;
        long wroteAt = NEVER;
        long probedAt = NEVER;
        long demandAt = NEVER;
        long sleptAt = NEVER;
        long emptySince;
        boolean running;
        boolean probing;
    }

    private final Supplier<Map<String, SharedRoute>> routes;
    private final NodeDirectory nodes;
    private final ActionClaims claims;
    private final WakeTable table;
    private final ToIntFunction<String> busy;
    private final Runner runner;
    private final Probe probe;
    private final WakeMetrics metrics;
    private final LongSupplier clock;
    private final Map<String, Owned> owned = new HashMap<>();

    /**
     * @param busy  players on the route anywhere in the fleet plus logins this node holds for it
     * @param clock wall-clock millis (the shared state's stamps)
     */
    WakeOwner(Supplier<Map<String, SharedRoute>> routes, NodeDirectory nodes, ActionClaims claims, WakeTable table,
            ToIntFunction<String> busy, Runner runner, Probe probe, WakeMetrics metrics, LongSupplier clock) {
        this.routes = routes;
        this.nodes = nodes;
        this.claims = claims;
        this.table = table;
        this.busy = busy;
        this.runner = runner;
        this.probe = probe;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A node holds a login for {@code name}: wake its server unless it is on its way. Answers the state label. */
    String wake(String name) {
        Route route = wakingRoutes().get(name);
        if (route == null) {
            return "unknown";
        }
        Owned o = owned(name);
        long now = clock.getAsLong();
        o.demandAt = now;
        // awake: the backend answered this node's probe within the second; should it have died, the probe says so
        // within the next, and the asker's next request runs the action
        if (o.running || o.state == WakeState.AWAKE
                || o.state == WakeState.STARTING && now - o.since < route.wake().hold().toMillis()) {
            return o.state == null ? "unknown" : o.state.label();
        }
        o.running = true;
        // held for the hold on success, like the state: no node runs it again while the server may be starting
        claimed(name, o, route.wake().hold(), claim -> {
            set(name, o, WakeState.STARTING, clock.getAsLong());
            runner.run(name, "wake", route.wake().wake()).onComplete(result -> {
                o.running = false;
                metrics.action("wake", result.succeeded());
                if (result.failed()) {
                    claim.release();
                    if (o.state == WakeState.STARTING) {
                        set(name, o, WakeState.ASLEEP, clock.getAsLong()); // the next login tries again
                    }
                }
            });
        }, () -> { });
        return WakeState.STARTING.label();
    }

    /**
     * Runs {@code act} if this node claims the route and still owns it; otherwise the action is not running here
     * ({@code refused} runs). A claim that cannot be asked for in time (the cluster is failing) counts as granted:
     * a double start is better than none.
     */
    private void claimed(String name, Owned o, Duration hold, Consumer<ActionClaims.Claim> act, Runnable refused) {
        claims.claim(name, hold).onComplete(asked -> {
            if (asked.failed()) {
                LOG.warn("route {}: cannot claim it in the cluster ({}); acting without a claim",
                        Printable.escape(name, 120), Printable.escape(String.valueOf(asked.cause().getMessage()), 300));
            }
            ActionClaims.Claim claim = asked.succeeded() ? asked.result() : ActionClaims.Claim.UNCONTESTED;
            if (claim.granted() && owned.get(name) == o) {
                act.accept(claim);
                return;
            }
            claim.release();
            o.running = false;
            refused.run();
        });
    }

    void tick() {
        Map<String, Route> current = wakingRoutes();
        owned.keySet().removeIf(name -> !current.containsKey(name) || !nodes.owns(name));
        long now = clock.getAsLong();
        current.forEach((name, route) -> {
            if (nodes.owns(name)) {
                Owned o = owned(name);
                check(name, route, o, now);
                sleepIfEmpty(name, route.wake(), o, now);
                if (o.state != null && now - o.wroteAt >= REWRITE_MILLIS) {
                    write(name, o, now);
                }
            }
        });
    }

    /** Every route with {@code wake}, by name. */
    private Map<String, Route> wakingRoutes() {
        Map<String, Route> byName = new LinkedHashMap<>();
        routes.get().values().stream().map(SharedRoute::route).filter(route -> route.wake() != null)
                .forEach(route -> byName.putIfAbsent(route.name(), route));
        return byName;
    }

    private Owned owned(String name) {
        return owned.computeIfAbsent(name, n -> {
            Owned o = new Owned();
            WakeTable.Entry entry = table.entry(n);
            if (entry != null) {
                o.state = entry.state();
                o.since = entry.since();
            }
            o.emptySince = clock.getAsLong();
            return o;
        });
    }

    /** Follows the backend: up makes the route awake, down asleep (a start that outlived its hold included). */
    private void check(String name, Route route, Owned o, long now) {
        if (o.probing || now - o.probedAt < PROBE_MILLIS) {
            return;
        }
        o.probing = true;
        o.probedAt = now;
        probe.probe(route).onComplete(result -> {
            o.probing = false;
            long at = clock.getAsLong();
            if (owned.get(name) != o) {
                return;
            }
            if (result.succeeded()) {
                boolean shuttingDown = o.state == WakeState.ASLEEP && at - o.sleptAt < SLEEP_GRACE_MILLIS;
                if (o.state != WakeState.AWAKE && !shuttingDown) {
                    o.emptySince = at;
                    set(name, o, WakeState.AWAKE, at);
                }
            } else if (o.state == null || o.state == WakeState.AWAKE
                    || o.state == WakeState.STARTING && !o.running && at - o.since >= route.wake().hold().toMillis()) {
                set(name, o, WakeState.ASLEEP, at);
            }
        });
    }

    private void sleepIfEmpty(String name, Wake wake, Owned o, long now) {
        if (!wake.sleeps() || o.state != WakeState.AWAKE || o.running) {
            return;
        }
        if (busy.applyAsInt(name) > 0 || now - o.demandAt < DEMAND_MILLIS) {
            o.emptySince = now;
            return;
        }
        if (now - o.emptySince < wake.sleepAfter().toMillis() || busy.applyAsInt(name) > 0) {
            return;
        }
        o.running = true;
        claimed(name, o, SLEEP_CLAIM, claim -> runner.run(name, "sleep", wake.sleep()).onComplete(result -> {
            o.running = false;
            claim.release();
            metrics.action("sleep", result.succeeded());
            long at = clock.getAsLong();
            if (result.succeeded()) {
                o.sleptAt = at;
                set(name, o, WakeState.ASLEEP, at);
            } else {
                o.emptySince = at; // tried again after another sleep-after
            }
        }), () -> o.emptySince = clock.getAsLong()); // another node acts on the route: not before another sleep-after
    }

    private void set(String name, Owned o, WakeState state, long now) {
        if (o.state != state) {
            o.state = state;
            o.since = now;
        }
        write(name, o, now);
    }

    private void write(String name, Owned o, long now) {
        table.write(name, new WakeTable.Entry(o.state, o.since));
        o.wroteAt = now;
    }
}
