package dev.gamma.node;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.cluster.EventBusCommands;
import dev.gamma.relay.PlayerSession;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's drain: it stops taking players (its listener closes, its entry in the node directory says draining, so
 * {@code /ready} fails) while its sessions go on relaying; when the last one ends, or at the deadline once the
 * players left were told why and closed, {@link #drained()} completes and the owner stops the node. A later request
 * may bring the deadline forward, never push it back. Until the deadline, {@link #resume()} calls the drain off.
 */
final class NodeDrain implements EventBusCommands.DrainAction {
    private static final Logger LOG = LoggerFactory.getLogger("gamma");
    static final long TICK_MILLIS = 200;
    /** After the deadline's kicks, how long sessions get to close before the node stops anyway (closing them). */
    static final long CLOSE_GRACE_MILLIS = 5_000;

    /** What a drain acts on; {@code announce} tells the fleet the deadline, or 0 for serving again. */
    record Parts(Supplier<Future<Void>> stopAccepting, Supplier<Future<Void>> resumeAccepting,
            LongFunction<Future<Void>> announce, IntSupplier connections, Supplier<List<PlayerSession>> sessions,
            Supplier<String> message) {}

    private final Vertx vertx;
    private final Parts parts;
    private final LongSupplier clock;
    private final Promise<Void> drained = Promise.promise();
    private long deadline; // 0 while serving
    private long toldAt; // when the players left were told, 0 before
    private long timer = -1;
    private long requests; // drain requests so far: a call-off refuses if one came while the listener reopened
    private boolean stopping;

    NodeDrain(Vertx vertx, Parts parts, LongSupplier clock) {
        this.vertx = vertx;
        this.parts = parts;
        this.clock = clock;
    }

    /** Starts the drain, or brings its deadline forward; answers the deadline, epoch ms. Any thread. */
    @Override
    public synchronized Future<Long> drain(long withinMillis) {
        long wanted = clock.getAsLong() + Math.max(0, withinMillis);
        requests++;
        if (deadline == 0) {
            deadline = wanted;
            timer = vertx.setPeriodic(TICK_MILLIS, this::tick);
            long until = deadline;
            // said once the listener is closed, so whoever reads the line finds the port refusing
            Future<Void> closed = parts.stopAccepting().get().onComplete(done -> LOG.info(
                    "draining: no new players; {} session(s) relaying until they end or the deadline {} ({} s)",
                    parts.connections().getAsInt(), Instant.ofEpochMilli(until), withinMillis / 1000));
            return Future.join(parts.announce().apply(until), closed).map(until)
                    .otherwise(e -> {
                        LOG.warn("drain started, but: {}", e.getMessage());
                        return until;
                    });
        }
        if (wanted < deadline && !drained.future().isComplete()) {
            deadline = wanted;
            LOG.info("drain deadline brought forward to {}", Instant.ofEpochMilli(deadline));
            return parts.announce().apply(deadline).map(deadline);
        }
        return Future.succeededFuture(deadline);
    }

    /**
     * Calls the drain off: the listener opens again and the node says it serves. Nothing to do while serving; refused
     * ({@link ClusterCommands.Conflict}) once the deadline has passed (the players left are told to reconnect), while
     * the node stops, or when another drain request came meanwhile. Any thread.
     */
    @Override
    public Future<Void> resume() {
        long seen;
        synchronized (this) {
            if (deadline == 0) {
                return Future.succeededFuture();
            }
            ClusterCommands.Conflict refused = refusal();
            if (refused != null) {
                return Future.failedFuture(refused);
            }
            seen = requests;
        }
        return parts.resumeAccepting().get().compose(v -> serveAgain(seen));
    }

    private synchronized Future<Void> serveAgain(long seen) {
        if (deadline == 0) {
            return Future.succeededFuture(); // another call-off was first
        }
        ClusterCommands.Conflict refused = refusal();
        if (refused == null && requests != seen) {
            refused = new ClusterCommands.Conflict("a drain was asked for while this one was being called off; the node"
                    + " drains");
        }
        if (refused != null) { // the listener opened for nothing
            ClusterCommands.Conflict answer = refused;
            return parts.stopAccepting().get().transform(v -> Future.failedFuture(answer));
        }
        vertx.cancelTimer(timer);
        deadline = 0;
        LOG.info("drain called off: taking new players again");
        return parts.announce().apply(0);
    }

    private ClusterCommands.Conflict refusal() {
        if (stopping) {
            return new ClusterCommands.Conflict("the node is stopping");
        }
        if (toldAt != 0 || drained.future().isComplete() || clock.getAsLong() >= deadline) {
            return new ClusterCommands.Conflict("the drain's deadline has passed: the node is closing its sessions"
                    + " and stopping");
        }
        return null;
    }

    synchronized boolean draining() {
        return deadline != 0;
    }

    /** Completes once the drain is over: every session ended, or closed at the deadline. */
    Future<Void> drained() {
        return drained.future();
    }

    /** The node stops by other means (a second signal, an undeploy): no more ticks, and no calling off. */
    synchronized void stopping() {
        stopping = true;
        vertx.cancelTimer(timer);
    }

    private synchronized void tick(long id) {
        if (id != timer || deadline == 0) {
            return; // a tick that was already due when its drain was called off
        }
        long now = clock.getAsLong();
        int left = parts.connections().getAsInt();
        if (left == 0) {
            finish(toldAt != 0 ? "the sessions left at the deadline closed" : "the last session ended");
        } else if (toldAt != 0 && now >= toldAt + CLOSE_GRACE_MILLIS) {
            finish(left + " connection(s) still closing after the deadline; the stop closes them");
        } else if (toldAt == 0 && now >= deadline) {
            toldAt = now;
            List<PlayerSession> sessions = parts.sessions().get();
            LOG.info("drain deadline reached: closing {} session(s)", sessions.size());
            String message = parts.message().get();
            sessions.forEach(session -> session.kick(message));
        }
    }

    private void finish(String why) {
        vertx.cancelTimer(timer);
        LOG.info("drain ended: {}; stopping", why);
        drained.tryComplete();
    }
}
