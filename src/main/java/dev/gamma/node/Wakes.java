package dev.gamma.node;

import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.WakeCommands;
import dev.gamma.cluster.WakeTable;
import dev.gamma.protocol.Printable;
import dev.gamma.relay.WakeGate;
import dev.gamma.route.Route;
import dev.gamma.route.WakeState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's logins held while their route's server wakes. The first held login of a route asks the route's owner
 * ({@link WakeOwner}, here or over {@link WakeCommands}) to wake it, and asks again every few seconds or as soon as
 * the owner changed; meanwhile this node connects to the backend every {@value #POLL_MILLIS} ms and lets every held
 * login of the route go on once it accepts. Each login has its own timer (the route's {@code hold}); held logins are
 * bounded per route and per node, and a login beyond the bound is refused at once. Runs on one Vert.x context.
 */
final class Wakes implements WakeGate {
    static final long POLL_MILLIS = 500;
    static final long ASK_AGAIN_MILLIS = 2_000;
    static final int MAX_HELD_PER_ROUTE = 256;
    static final int MAX_HELD = 1024;
    static final String STARTING_MESSAGE = "The server is starting, try again in a moment";
    private static final long NEVER = Long.MIN_VALUE / 4;
    private static final Logger LOG = LoggerFactory.getLogger(Wakes.class);
    private static final long NO_TIMER = -1;

    /** A route's held logins on this node. */
    private static final class Waiting {
        final Route route;
        final List<Promise<Void>> logins = new ArrayList<>();
        long poller = NO_TIMER; // Vert.x numbers timers from 0
        boolean asking;
        boolean probing;
        String askedOwner;
        long askedAt = NEVER;

        Waiting(Route route) {
            this.route = route;
        }
    }

    private final Vertx vertx;
    private final Context home;
    private final NodeDirectory nodes;
    private final WakeTable table;
    private final WakeCommands commands;
    private final WakeOwner owner;
    private final WakeOwner.Probe probe;
    private final LongSupplier millis;
    private final Map<String, Waiting> waiting = new HashMap<>();
    private volatile int held;

    /** @param home the context every method but the {@link WakeGate} ones runs on */
    Wakes(Vertx vertx, Context home, NodeDirectory nodes, WakeTable table, WakeCommands commands, WakeOwner owner,
            WakeOwner.Probe probe, LongSupplier millis) {
        this.vertx = vertx;
        this.home = home;
        this.nodes = nodes;
        this.table = table;
        this.commands = commands;
        this.owner = owner;
        this.probe = probe;
        this.millis = millis;
    }

    @Override
    public boolean asleep(Route route) {
        WakeState state = table.state(route.name());
        return state == WakeState.ASLEEP || state == WakeState.STARTING;
    }

    @Override
    public String motd(Route route) {
        WakeState state = table.state(route.name());
        if (state == WakeState.ASLEEP) {
            return route.wake().asleepMotd();
        }
        return state == WakeState.STARTING ? route.wake().startingMotd() : null;
    }

    @Override
    public Future<Void> hold(Route route) {
        Promise<Void> login = Promise.promise();
        home.runOnContext(v -> hold(route, login));
        return login.future();
    }

    @Override
    public void abandon(Route route, Future<Void> hold) {
        home.runOnContext(v -> {
            Waiting w = waiting.get(route.name());
            Promise<Void> login = w == null ? null
                    : w.logins.stream().filter(p -> p.future() == hold).findFirst().orElse(null);
            if (login != null) {
                w.logins.remove(login);
                held--;
                login.tryFail("the client left"); // cancels its timer
                forgetIfIdle(route.name(), w);
            }
        });
    }

    /** Logins held now, on this node. */
    int held() {
        return held;
    }

    /** Logins held now for the route named {@code name}; on the home context. */
    int heldFor(String name) {
        Waiting w = waiting.get(name);
        return w == null ? 0 : w.logins.size();
    }

    private void hold(Route route, Promise<Void> login) {
        Waiting w = waiting.computeIfAbsent(route.name(), n -> new Waiting(route));
        if (held >= MAX_HELD || w.logins.size() >= MAX_HELD_PER_ROUTE) {
            login.fail(STARTING_MESSAGE);
            forgetIfIdle(route.name(), w);
            return;
        }
        w.logins.add(login);
        held++;
        long timer = vertx.setTimer(route.wake().hold().toMillis(), t -> {
            if (w.logins.remove(login)) {
                held--;
                login.fail(STARTING_MESSAGE);
                forgetIfIdle(route.name(), w);
            }
        });
        login.future().onComplete(done -> vertx.cancelTimer(timer));
        if (w.poller == NO_TIMER) {
            w.poller = vertx.setPeriodic(POLL_MILLIS, t -> poll(w));
        }
        ask(w);
    }

    private void poll(Waiting w) {
        ask(w);
        if (w.probing) {
            return;
        }
        w.probing = true;
        probe.probe(w.route).onComplete(result -> {
            w.probing = false;
            if (result.succeeded() && waiting.get(w.route.name()) == w) {
                release(w);
            }
        });
    }

    /** The backend accepts: every held login of the route goes on. */
    private void release(Waiting w) {
        stopPolling(w);
        waiting.remove(w.route.name());
        List<Promise<Void>> logins = List.copyOf(w.logins);
        w.logins.clear();
        held -= logins.size();
        logins.forEach(Promise::tryComplete);
    }

    private void forgetIfIdle(String name, Waiting w) {
        if (w.logins.isEmpty() && waiting.get(name) == w) {
            stopPolling(w);
            waiting.remove(name);
        }
    }

    private void stopPolling(Waiting w) {
        if (w.poller != NO_TIMER) {
            vertx.cancelTimer(w.poller);
            w.poller = NO_TIMER;
        }
    }

    /** Asks the owner to wake the route: again after a while, or at once when the owner changed. */
    private void ask(Waiting w) {
        String name = w.route.name();
        String current = nodes.ownerOf(name);
        long now = millis.getAsLong();
        if (w.asking || current.equals(w.askedOwner) && now - w.askedAt < ASK_AGAIN_MILLIS) {
            return;
        }
        w.asking = true;
        w.askedOwner = current;
        w.askedAt = now;
        Future<String> answer = current.equals(nodes.selfId()) ? Future.succeededFuture(owner.wake(name))
                : commands.ask(current, name);
        answer.onComplete(result -> {
            w.asking = false;
            if (result.failed()) {
                LOG.warn("route {}: node {} in charge of waking it did not answer: {}", Printable.escape(name, 120),
                        current, Printable.escape(String.valueOf(result.cause().getMessage()), 300));
            }
        });
    }
}
