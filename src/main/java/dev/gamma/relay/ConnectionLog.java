package dev.gamma.relay;

import dev.gamma.protocol.LoginStart;
import dev.gamma.protocol.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per connection outcome, on its own logger so operators can route or silence it. Every field that
 * came from the network (hostname, player name, the detail) is escaped and cut, so no client can end the line or
 * write another.
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
            outcome.label, Printable.field(info.clientAddress(), MAX_HOST), Printable.field(info.host(), MAX_HOST),
            Printable.field(info.route(), MAX_HOST), Printable.field(info.backend(), MAX_HOST),
            info.username() == null ? "-" : Printable.field(info.username(), MAX_NAME), info.protocol(),
            traffic.fromClient(),
            traffic.fromBackend(), durationMillis,
            detail.isEmpty() ? "" : " (" + Printable.escape(detail, MAX_DETAIL) + ")"
        };
        switch (outcome) {
            case BACKEND_DOWN, LOGIN_TIMEOUT, UNTRUSTED_PROXY -> LOG.warn(line, args);
            case CLOSED_EARLY -> LOG.debug(line, args);
            default -> LOG.info(line, args);
        }
    }
}
