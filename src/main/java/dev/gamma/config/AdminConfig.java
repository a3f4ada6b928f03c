package dev.gamma.config;

import java.util.List;

/**
 * @param token        bearer token every admin call must carry; "" = none
 * @param allowedHosts names the API answers to besides its bind address and the loopback names: a
 *                     {@code Host} (or {@code Origin}) naming anything else is refused; without a port, any port
 */
public record AdminConfig(HostPort bind, String token, List<Authority> allowedHosts) {
    public AdminConfig {
        allowedHosts = List.copyOf(allowedHosts);
    }

    public AdminConfig(HostPort bind, String token) {
        this(bind, token, List.of());
    }
}
