package dev.gamma.admin;

import dev.gamma.protocol.Printable;
import dev.gamma.route.ClientAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port's connections, bounded before any token is checked: how many one address (an IPv6 address by its
 * /64) and all together may hold open, and how long a caller may take to send a request. A caller has
 * {@link Limits#request()} for a request's headers, from the connection's opening or from its previous answer
 * being written out, and as long again for the request's body; the node's own time on an answer, until the answer
 * is on the wire, is not counted. An idle timeout alone would let a caller that sends a byte now and then hold its
 * socket for ever. When all places are taken, the connection that has waited longest for its caller's next request
 * gives its place to the newcomer, so that callers who merely keep connections open cannot lock others out.
 */
final class AdminConnections {
    private static final Logger LOG = LoggerFactory.getLogger(AdminConnections.class);
    private static final long CHECK_MILLIS = 1_000;
    private static final long LOG_EVERY_MILLIS = 60_000;

    /**
     * @param request    how long a caller may take to send a request's headers, and again its body
     * @param perAddress connections one address may hold open
     * @param total      connections all callers may hold open
     */
    record Limits(Duration request, int perAddress, int total) {
        static final Limits DEFAULTS = new Limits(Duration.ofSeconds(30), 64, 512);
    }

    /**
     * One open connection: the request it is answering (null while it waits for the next one), and since when the
     * caller's clock runs. Written on the server's event loop, read by the timer's.
     */
    private static final class Open {
        final String address;
        volatile HttpServerRequest current;
        volatile long waitingSince;

        Open(String address, long now) {
            this.address = address;
            this.waitingSince = now;
        }
    }

    private final Vertx vertx;
    private final Limits limits;
    private final LongSupplier millis;
    private final Map<HttpConnection, Open> open = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile long loggedAt = Long.MIN_VALUE / 2;
    private long timer = -1;

    /** @param millis a monotonic clock in milliseconds */
    AdminConnections(Vertx vertx, Limits limits, LongSupplier millis) {
        this.vertx = vertx;
        this.limits = limits;
        this.millis = millis;
    }

    void start() {
        timer = vertx.setPeriodic(CHECK_MILLIS, t -> closeLate());
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    /** A new connection: closed at once past its address's count, else watched until it closes. */
    void opened(HttpConnection connection) {
        String address = connection.remoteAddress() == null ? "-"
                : ClientAddresses.key(connection.remoteAddress().hostAddress());
        String full = admit(address);
        if (full != null) {
            refusedOne(address, full);
            connection.close();
            return;
        }
        open.put(connection, new Open(address, millis.getAsLong()));
        connection.closeHandler(v -> closed(connection));
    }

    /**
     * The router's first handler, as a request's headers arrive: from now on the caller has until its body is in;
     * once the answer is on the wire, the caller's clock runs for its next request.
     */
    void watch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Open o = open.get(request.connection());
        if (o != null) {
            o.current = request;
            o.waitingSince = millis.getAsLong();
            ctx.addBodyEndHandler(v -> {
                if (o.current == request) {
                    o.current = null;
                    o.waitingSince = millis.getAsLong();
                }
            });
        }
        ctx.next();
    }

    int openCount() {
        return open.size();
    }

    /** Why the address may not open another connection, or null when it may; counts it when it may. */
    private String admit(String address) {
        if (open.size() >= limits.total() && !closeLongestWaiting()) {
            return limits.total() + " admin connections are open already, each in the middle of a request";
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (a, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limits.perAddress()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0] ? null : limits.perAddress() + " admin connections are open from that address already";
    }

    /** Closes the connection that has waited longest for its caller's next request; false if none waits. */
    private boolean closeLongestWaiting() {
        Map.Entry<HttpConnection, Open> longest = null;
        for (Map.Entry<HttpConnection, Open> e : open.entrySet()) {
            Open o = e.getValue();
            if (o.current == null && (longest == null || o.waitingSince < longest.getValue().waitingSince)) {
                longest = e;
            }
        }
        if (longest == null) {
            return false;
        }
        closed(longest.getKey()); // its place is free now, before its close completes
        longest.getKey().close();
        return true;
    }

    private void closed(HttpConnection connection) {
        Open o = open.remove(connection);
        if (o != null) {
            perAddress.computeIfPresent(o.address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    /**
     * Closes every connection whose caller is late: no request's headers within the time of its opening or its
     * previous answer, or a body still coming in that time after its headers.
     */
    void closeLate() {
        long now = millis.getAsLong();
        open.forEach((connection, o) -> {
            HttpServerRequest current = o.current;
            if (current != null && current.isEnded()) {
                return; // the node is answering: its own time is not the caller's
            }
            if (now - o.waitingSince >= limits.request().toMillis()) {
                connection.close();
            }
        });
    }

    /** At most one line a minute, naming the last address refused and how many were refused since the last line. */
    private void refusedOne(String address, String why) {
        int count = refused.incrementAndGet();
        long now = millis.getAsLong();
        if (now - loggedAt >= LOG_EVERY_MILLIS) {
            loggedAt = now;
            refused.addAndGet(-count);
            LOG.warn("admin: refused {} connection(s), the last from {}: {}", count, Printable.escape(address, 64), why);
        }
    }
}
