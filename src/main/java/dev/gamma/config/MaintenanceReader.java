package dev.gamma.config;

import java.util.List;

/** Reads a route's {@code maintenance} section, with bounds on its texts and its allow-list. */
final class MaintenanceReader {
    static final int MAX_ALLOW = 1_000;
    static final int MAX_MOTD = 256;
    static final int MAX_MESSAGE = 1_024;
    private static final int MAX_NAME = 16;
    private static final ValueType<String> NAME = new ValueType<>("a player name", MaintenanceReader::name);

    private MaintenanceReader() {}

    /** Null when the route has no {@code maintenance} key. */
    static MaintenanceConfig read(Section route) {
        if (route.raw("maintenance") == null) {
            return null;
        }
        Section s = route.section("maintenance");
        boolean enabled = s.get("enabled", ValueType.BOOLEAN, false);
        String motd = s.get("motd", bounded(MAX_MOTD), "");
        String message = s.get("message", bounded(MAX_MESSAGE), "");
        List<String> allow = List.of();
        if (s.raw("allow") instanceof Tree.Sequence names && names.items().size() > MAX_ALLOW) {
            s.problem(s.originOf("allow"), s.path("allow"),
                    "at most " + MAX_ALLOW + " names, got " + names.items().size());
        } else {
            allow = s.list("allow", NAME, List.of());
        }
        boolean kickCurrent = s.get("kick-current", ValueType.BOOLEAN, false);
        s.finish();
        return new MaintenanceConfig(enabled, motd, message, allow, kickCurrent);
    }

    private static ValueType<String> bounded(int max) {
        return ValueType.STRING.where(text -> text.length() <= max, "at most " + max + " characters");
    }

    /** The vanilla rule: 1 to 16 characters from {@code !} to {@code ~}. */
    private static String name(String text) {
        if (text.isEmpty() || text.length() > MAX_NAME || !text.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new IllegalArgumentException("\"" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "\" is not a player name (1 to 16 ASCII letters, digits or symbols)");
        }
        return text;
    }
}
