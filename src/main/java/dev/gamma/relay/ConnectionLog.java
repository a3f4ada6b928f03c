package dev.gamma.relay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per connection outcome, on its own logger so operators can route or silence it. */
final class ConnectionLog {
    private static final Logger LOG = LoggerFactory.getLogger("gamma.connection");

    private ConnectionLog() {}

    static void log(Outcome outcome, SessionInfo info, SessionTraffic traffic, long durationMillis, String detail) {
        String line = "{} client={} host={} route={} backend={} user={} protocol={} in={} out={} duration={}ms{}";
        Object[] args = {
            outcome.label, info.clientAddress(), info.host(), info.route(), info.backend(), info.username(),
            info.protocol(), traffic.fromClient(), traffic.fromBackend(), durationMillis,
            detail.isEmpty() ? "" : " (" + detail + ")"
        };
        switch (outcome) {
            case BACKEND_DOWN, LOGIN_TIMEOUT, UNTRUSTED_PROXY -> LOG.warn(line, args);
            case CLOSED_EARLY -> LOG.debug(line, args);
            default -> LOG.info(line, args);
        }
    }
}
