package dev.gamma.config;

import java.util.List;
import java.util.Optional;

/**
 * @param token        bearer token every admin call must carry; "" = none
 * @param allowedHosts names the API answers to besides its bind address and the loopback names: a
 *                     {@code Host} (or {@code Origin}) naming anything else is refused; without a port, any port
 */
public record AdminConfig(HostPort bind, String token, List<Authority> allowedHosts) {
    /** Off loopback a token must be at least this long: long enough that nobody guesses it. */
    public static final int MIN_TOKEN_LENGTH = 32;
    /** The token of the compose demo's template, {@code docker/cluster.env.example}: public, so never a token. */
    public static final String EXAMPLE_TOKEN = "change-me-gamma-demo-token";

    public AdminConfig {
        allowedHosts = List.copyOf(allowedHosts);
    }

    public AdminConfig(HostPort bind, String token) {
        this(bind, token, List.of());
    }

    /** What is wrong with the token for this bind, if anything: off loopback it must be set, long and not public. */
    public Optional<String> tokenProblem() {
        if (bind.isLoopback()) {
            return Optional.empty();
        }
        String t = token.strip();
        String generate = " (make one with: openssl rand -hex 32)";
        if (t.isEmpty()) {
            return Optional.of("must be set when admin.bind (" + bind + ") is not a loopback address; otherwise anyone"
                    + " who reaches that address could kick players and change routes (set admin.token or"
                    + " GAMMA_ADMIN_TOKEN, or bind admin to 127.0.0.1)" + generate);
        }
        if (t.equals(EXAMPLE_TOKEN)) {
            return Optional.of("is the example token of docker/cluster.env.example, which anyone can read; admin.bind ("
                    + bind + ") is not a loopback address, so it needs a token of your own" + generate);
        }
        if (t.length() < MIN_TOKEN_LENGTH) {
            return Optional.of("is " + t.length() + " characters long; with admin.bind (" + bind + ") off loopback it"
                    + " must be at least " + MIN_TOKEN_LENGTH + generate);
        }
        return Optional.empty();
    }
}
