package dev.gamma.relay;

import dev.gamma.route.ClientAddresses;
import java.util.function.Supplier;

/**
 * The node's word on a new connection before a byte of it is read: serve it, serve it a polite "too fast", or
 * close it unread. A connection is closed at accept when its address is past its polite refusals
 * ({@link RateLimiter}) or has {@code limits.max-greeting-per-ip} connections in their greeting already, or when
 * the node has {@code limits.max-greeting}; behind a PROXY-protocol load balancer the address is known, and
 * checked, once the header has come. A closed connection is counted as {@code rate-limited} and logged at most
 * once a second per address, with how many there were. An address the node's access list refuses is closed at
 * accept (after the PROXY header, behind a load balancer) before any limit counts it, and logged as {@code denied}
 * ({@link DeniedLog} keeps a flood of them from flooding the log).
 */
final class Admissions {
    private final Supplier<ProxySettings> settings;
    private final RateLimiter limiter;
    private final GreetingGate gate;
    private final RelayMetrics metrics;
    private final DeniedLog deniedLog = new DeniedLog(System::nanoTime);

    Admissions(RateLimiter limiter, Supplier<ProxySettings> settings, RelayMetrics metrics) {
        this.settings = settings;
        this.limiter = limiter;
        this.gate = new GreetingGate(() -> settings.get().maxGreetingPerIp(), () -> settings.get().maxGreeting());
        this.metrics = metrics;
    }

    /** At accept: the connection's admission, or null when it was closed unread. */
    Admission accept(ClientConnection connection, boolean proxyProtocol) {
        String peer = connection.peerAddress();
        String key = ClientAddresses.key(peer);
        if (proxyProtocol) {
            if (!settings.get().trusted().contains(peer)) {
                // it could only ever be refused: not one byte read, not one place in the greeting taken
                close(connection, peer, key, Outcome.UNTRUSTED_PROXY,
                        "a connection from " + peer + ", which is not in proxy-protocol.trusted: closed at accept");
                return null;
            }
            // the peer is the load balancer: only the node's total applies until the header names the client
            GreetingGate.Ticket ticket = gate.enter(null);
            if (ticket == null) {
                close(connection, peer, key, Outcome.RATE_LIMITED, tooMany());
                return null;
            }
            return new Admission(ticket, false);
        }
        if (!settings.get().access().admits(peer)) {
            connection.close();
            metrics.connectionEnded("-", Outcome.DENIED.label, 0, 0);
            SessionEnd.Reason reason = denied(peer, "closed at accept");
            if (reason.logged()) {
                ConnectionLog.log(Outcome.DENIED, SessionInfo.of(peer), new SessionTraffic(), 0, reason.detail());
            }
            return null;
        }
        if (gate.inGreeting() >= gate.max()) {
            // checked before the rate, so that a node-wide flood does not spend the tokens of other players
            close(connection, peer, key, Outcome.RATE_LIMITED, tooMany());
            return null;
        }
        RateLimiter.Verdict verdict = limiter.check(key);
        if (verdict == RateLimiter.Verdict.DROP) {
            close(connection, peer, key, Outcome.RATE_LIMITED,
                    "closed at accept: past limits.per-ip-rate and its polite refusals");
            return null;
        }
        GreetingGate.Ticket ticket = gate.enter(key);
        if (ticket == null) {
            close(connection, peer, key, Outcome.RATE_LIMITED, tooMany());
            return null;
        }
        return new Admission(ticket, verdict == RateLimiter.Verdict.REFUSE);
    }

    private SessionEnd.Reason denied(String address, String when) {
        metrics.accessDenied("global");
        int closes = deniedLog.report();
        return new SessionEnd.Reason(Outcome.DENIED,
                DeniedLog.detail(when + ": " + address + " is refused by access", closes), closes > 0);
    }

    int inGreeting() {
        return gate.inGreeting();
    }

    private String tooMany() {
        return gate.inGreeting() >= gate.max()
                ? "closed at accept: the node has limits.max-greeting connections in their greeting"
                : "closed at accept: the address has limits.max-greeting-per-ip connections in their greeting";
    }

    private void close(ClientConnection connection, String peer, String key, Outcome outcome, String why) {
        connection.close();
        metrics.connectionEnded("-", outcome.label, 0, 0);
        int closes = limiter.reportDrop(key);
        if (closes > 0) {
            ConnectionLog.log(outcome, SessionInfo.of(peer), new SessionTraffic(), 0,
                    closes == 1 ? why : why + "; " + closes + " such closes since the last line");
        }
    }

    /** One connection's standing until it relays or ends. */
    final class Admission {
        private final GreetingGate.Ticket ticket;
        private boolean rateLimited;

        private Admission(GreetingGate.Ticket ticket, boolean rateLimited) {
            this.ticket = ticket;
            this.rateLimited = rateLimited;
        }

        /** Past its rate: a login gets "too fast", a server-list ping the rate-limited MOTD. */
        boolean rateLimited() {
            return rateLimited;
        }

        /**
         * The PROXY header named the client: its address's limits apply now. Answers why the connection must be
         * closed at once, or null; a closed one is logged only when {@link #logClose(String)} says so.
         */
        String claim(String clientAddress) {
            String key = ClientAddresses.key(clientAddress);
            RateLimiter.Verdict verdict = limiter.check(key);
            if (verdict == RateLimiter.Verdict.DROP) {
                return "closed after its PROXY header: past limits.per-ip-rate and its polite refusals";
            }
            if (!ticket.claim(key)) {
                return "closed after its PROXY header: the address has limits.max-greeting-per-ip connections in"
                        + " their greeting";
            }
            rateLimited = verdict == RateLimiter.Verdict.REFUSE;
            return null;
        }

        /** Null when the node's access list admits the address the PROXY header named, else why it is closed. */
        SessionEnd.Reason denied(String clientAddress) {
            return settings.get().access().admits(clientAddress) ? null
                    : Admissions.this.denied(clientAddress, "closed after its PROXY header");
        }

        /** How many closes of {@code clientAddress} to report in a log line now; 0 to stay quiet. */
        int logClose(String clientAddress) {
            return limiter.reportDrop(ClientAddresses.key(clientAddress));
        }

        /** The greeting is over: the connection relays, or ended. */
        void done() {
            ticket.release();
        }
    }
}
