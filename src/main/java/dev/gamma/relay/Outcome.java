package dev.gamma.relay;

/** How a connection ended, as logged (and later counted). */
enum Outcome {
    ROUTED("routed"),
    STATUS("status"),
    LEGACY_STATUS("legacy-status"),
    UNKNOWN_HOST("unknown-host"),
    BACKEND_DOWN("backend-down"),
    LOGIN_TIMEOUT("login-timeout"),
    RATE_LIMITED("rate-limited"),
    UNTRUSTED_PROXY("untrusted-proxy"),
    /** A PROXY header that is garbage, too long, or not complete by the handshake deadline. */
    BAD_PROXY_HEADER("bad-proxy-header"),
    BAD_HANDSHAKE("bad-handshake"),
    /** A Login Start name a vanilla server would refuse (see {@link dev.gamma.protocol.PlayerNames}). */
    INVALID_NAME("invalid-name"),
    HANDSHAKE_TIMEOUT("handshake-timeout"),
    CLOSED_EARLY("closed-early"),
    KICKED("kicked"),
    REFUSED_BY_POLICY("refused"),
    /** Anti-bot mode asked a new address to reconnect. */
    ANTI_BOT("anti-bot"),
    /** The route is in maintenance and the name is not on its allow-list. */
    MAINTENANCE("maintenance"),
    /** The client's address is refused by the node's or the route's access list. */
    DENIED("denied"),
    /** A login held while its route's server woke up, which did not come up within the hold. */
    WAKE_TIMEOUT("wake-timeout"),
    SHUTDOWN("shutdown");

    final String label;

    Outcome(String label) {
        this.label = label;
    }
}
