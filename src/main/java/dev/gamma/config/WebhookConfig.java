package dev.gamma.config;

import java.util.List;

/**
 * One connection webhook: the events of this node's players it wants, posted as JSON to {@code url}.
 *
 * @param url    http or https; may carry {@code user:password@} (sent as Basic authentication, never logged)
 * @param events a subset of {@link #EVENTS}
 * @param secret signs each body (HMAC-SHA256, header {@code X-Gamma-Signature}) when not empty
 */
public record WebhookConfig(String url, List<String> events, String secret) {
    public static final List<String> EVENTS = List.of("login", "logout", "kick");

    public WebhookConfig {
        events = List.copyOf(events);
    }

    public boolean wants(String event) {
        return events.contains(event);
    }

    /** No secret or URL in the text: a configuration is printed in logs and problems. */
    @Override
    public String toString() {
        return "WebhookConfig[events=" + events + ", signed=" + !secret.isEmpty() + "]";
    }
}
