package dev.gamma.relay;

import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per connection outcome, on its own logger so operators can route or silence it. What the client
 * sent (its name, its hostname, a refusal that quotes it) is escaped, so one connection is always one line.
 */
final class ConnectionLog {
    private static final Logger LOG = LoggerFactory.getLogger("gamma.connection");
    private static final int MAX_NAME = LoginStart.MAX_NAME_BYTES;
    private static final int MAX_HOST = 300;
    private static final int MAX_DETAIL = 1000;

    private ConnectionLog() {}

    static void log(Outcome outcome, SessionInfo info, SessionTraffic traffic, long durationMillis, String detail) {
        String line = "{} client={} host={} route={} backend={} user={} protocol={} in={} out={} duration={}ms{}";
        Object[] args = {
            outcome.label, info.clientAddress(), Printable.escape(info.host(), MAX_HOST),
            info.route(), info.backend(), Printable.escape(info.username(), MAX_NAME),
            info.protocol(), traffic.fromClient(), traffic.fromBackend(), durationMillis,
            detail.isEmpty() ? "" : " (" + Printable.escape(detail, MAX_DETAIL) + ")"
        };
        switch (outcome) {
            case BACKEND_DOWN, LOGIN_TIMEOUT, UNTRUSTED_PROXY -> LOG.warn(line, args);
            case CLOSED_EARLY -> LOG.debug(line, args);
            default -> LOG.info(line, args);
        }
    }
}
