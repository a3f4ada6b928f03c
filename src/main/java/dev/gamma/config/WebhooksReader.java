package dev.gamma.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Reads {@code webhooks}: a list of {@code {url, events, secret}}. Problems never quote a URL: it may hold a password. */
final class WebhooksReader {
    /** Each webhook holds a queue and connections: a bound on how many a file can ask for. */
    static final int MAX_WEBHOOKS = 16;
    private static final ValueType<String> URL = new ValueType<>("an http or https URL", WebhooksReader::url);
    private static final ValueType<String> EVENT = ValueType.oneOf("event", WebhookConfig.EVENTS);

    private WebhooksReader() {}

    static List<WebhookConfig> read(Section root) {
        Tree value = root.raw("webhooks");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Tree.Sequence sequence)) {
            root.problem(value.origin(), "webhooks", "expected a list of webhooks, got " + value.describe());
            return List.of();
        }
        if (sequence.items().size() > MAX_WEBHOOKS) {
            root.problem(value.origin(), "webhooks", "at most " + MAX_WEBHOOKS + " webhooks, got "
                    + sequence.items().size());
            return List.of();
        }
        List<WebhookConfig> webhooks = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            Tree item = sequence.items().get(i);
            String path = "webhooks[" + i + "]";
            if (item instanceof Tree.Mapping map) {
                webhooks.add(webhook(root.item(path, map)));
            } else {
                // a bare string here may well be a URL with its password: not quoted
                root.problem(item.origin(), path, "expected a webhook (a map with url and events), got "
                        + (item instanceof Tree.Scalar ? "a string" : item.describe()));
            }
        }
        return webhooks;
    }

    private static WebhookConfig webhook(Section s) {
        String url = s.get("url", URL, "");
        if (url.isEmpty() && s.raw("url") == null) {
            s.problem(s.originOf("url"), s.path("url"), "is missing: where the events are posted");
        }
        List<String> events = List.copyOf(new LinkedHashSet<>(s.list("events", EVENT, WebhookConfig.EVENTS)));
        if (events.isEmpty()) {
            s.problem(s.originOf("events"), s.path("events"), "is empty: list at least one of "
                    + String.join(", ", WebhookConfig.EVENTS));
        }
        WebhookConfig webhook = new WebhookConfig(url, events, s.get("secret", ValueType.STRING, ""));
        s.finish();
        return webhook;
    }

    private static String url(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL (expected http://host[:port]/path)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("names no host (expected http://host[:port]/path)");
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException("must not have a #fragment");
        }
        return text.strip();
    }
}
