package dev.gamma.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads a route's {@code wake} section (see {@link WakeConfig}). */
final class WakeReader {
    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    private static final ValueType<String> URL = new ValueType<>("a URL", WakeReader::url);
    private static final ValueType<String> CONTAINER_NAME = new ValueType<>("a container name", WakeReader::container);
    private static final ValueType<Duration> POSITIVE = ValueType.DURATION.where(d -> d.toNanos() > 0, "must be > 0");
    private static final ValueType<String> MOTD = ValueType.STRING.where(s -> s.length() <= 1024,
            "must have at most 1024 characters");
    private static final int MAX_ARGS = 64;

    private WakeReader() {}

    /** Null when the route has no {@code wake} key. */
    static WakeConfig read(Section route) {
        if (route.raw("wake") == null) {
            return null;
        }
        Section s = route.section("wake");
        WakeConfig.Action wake = action(s, true);
        Duration hold = s.get("hold", POSITIVE, Duration.ofSeconds(30));
        Duration sleepAfter = s.get("sleep-after", ValueType.DURATION, Duration.ZERO);
        WakeConfig.Action sleep = null;
        if (s.raw("sleep") != null) {
            Section sleepSection = s.section("sleep");
            sleep = action(sleepSection, false);
            sleepSection.finish();
        }
        String asleep = s.get("asleep-motd", MOTD, "");
        String starting = s.get("starting-motd", MOTD, "");
        if (!sleepAfter.isZero() && sleep == null && (wake == null || !wake.kind().equals("docker"))) {
            s.problem(s.originOf("sleep-after"), s.path("sleep-after"),
                    "needs a sleep action (sleep: {command | http | docker})");
        }
        s.finish();
        return wake == null ? null : new WakeConfig(wake, hold, sleepAfter, sleep, asleep, starting);
    }

    /** The one action the section sets; null (reported) when it sets none or several. */
    private static WakeConfig.Action action(Section s, boolean isWake) {
        List<String> command = s.list("command", ValueType.NON_EMPTY, List.of());
        String url = s.get("http", URL, "");
        String container = s.get("docker", CONTAINER_NAME, "");
        int kinds = (s.raw("command") == null ? 0 : 1) + (s.raw("http") == null ? 0 : 1)
                + (s.raw("docker") == null ? 0 : 1);
        if (kinds != 1) {
            s.problem(s.origin(), s.path(), (isWake ? "needs" : "sleep needs")
                    + " exactly one action: command: [program, args...], http: URL or docker: CONTAINER");
            return null;
        }
        if (s.raw("command") != null && command.isEmpty()) {
            s.problem(s.originOf("command"), s.path("command"), "must name a program");
            return null;
        }
        if (command.size() > MAX_ARGS) {
            s.problem(s.originOf("command"), s.path("command"), "has at most " + MAX_ARGS + " arguments");
            return null;
        }
        if (!command.isEmpty()) {
            return new WakeConfig.Action("command", command, "", "");
        }
        if (!url.isEmpty()) {
            return new WakeConfig.Action("http", List.of(), url, "");
        }
        return container.isEmpty() ? null : new WakeConfig.Action("docker", List.of(), "", container);
    }

    private static String url(String text) {
        String problem = "expected an http:// or https:// URL with a host, got \""
                + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
        if (text.length() > 2048) {
            throw new IllegalArgumentException(problem);
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException(problem);
    }

    private static String container(String text) {
        if (!CONTAINER.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a container name or id ([a-zA-Z0-9][a-zA-Z0-9_.-]*, at most"
                    + " 128 characters)");
        }
        return text;
    }
}
