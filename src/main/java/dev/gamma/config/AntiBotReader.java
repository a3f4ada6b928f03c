package dev.gamma.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code anti-bot}: its trigger is a rate, written as operators write one ({@code 50/s}, {@code 600/m}). */
final class AntiBotReader {
    private static final Pattern RATE = Pattern.compile("([0-9]{1,9}(?:\\.[0-9]{1,9})?)\\s*(?:/\\s*(s|m))?");
    static final ValueType<Double> LOGIN_RATE = new ValueType<>("a rate like 50/s", AntiBotReader::rate);
    private static final ValueType<Duration> POSITIVE_DURATION =
            ValueType.DURATION.where(d -> d.toNanos() > 0, "must be > 0");

    private AntiBotReader() {}

    static AntiBotConfig read(Section s) {
        AntiBotConfig defaults = AntiBotConfig.OFF;
        AntiBotConfig config = new AntiBotConfig(
                s.get("enabled", ValueType.BOOLEAN, defaults.enabled()),
                s.get("trigger", LOGIN_RATE, defaults.trigger()),
                s.get("verify", ValueType.oneOf("verification", List.of("reconnect")), defaults.verify()),
                s.get("reconnect-within", POSITIVE_DURATION, defaults.reconnectWithin()),
                s.get("trust-for", POSITIVE_DURATION, defaults.trustFor()),
                s.get("cool-down", POSITIVE_DURATION, defaults.coolDown()),
                s.get("message", ValueType.NON_EMPTY, defaults.message()));
        // a reconnect is only seen on another node once the nodes' reports carried the refusal (about a second)
        if (config.reconnectWithin().compareTo(Duration.ofSeconds(5)) < 0) {
            s.problem(s.originOf("reconnect-within"), s.path("reconnect-within"),
                    "must be at least 5s: players need time to read the message and reconnect, maybe to another node");
        }
        s.finish();
        return config;
    }

    /** New logins a second: {@code 50/s}, {@code 600/m} (10 a second) or a plain number a second; more than 0. */
    private static double rate(String text) {
        Matcher m = RATE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate (like 50/s or 600/m)");
        }
        double perSecond = Double.parseDouble(m.group(1)) / ("m".equals(m.group(2)) ? 60 : 1);
        if (perSecond <= 0) {
            throw new IllegalArgumentException("must be more than 0 logins a second, got " + text.strip());
        }
        return perSecond;
    }
}
