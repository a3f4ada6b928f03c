package dev.gamma.route;

import dev.gamma.protocol.PlayerNames;
import java.util.List;
import java.util.Objects;

/**
 * A route's maintenance mode ({@code maintenance} in the YAML file and the route's JSON): while enabled, the server
 * list shows {@link #motd()} with the version "Maintenance", and only the names on {@link #allow()} may log in; the
 * others read {@link #message()}. Names are those the client claims in Login Start: an online-mode backend checks
 * them, an offline one cannot.
 *
 * @param motd        what the server list shows; blank takes {@link #DEFAULT_MOTD}
 * @param message     what a refused or kicked player reads; blank takes {@link #DEFAULT_MESSAGE}
 * @param allow       player names let in anyway, compared without case
 * @param kickCurrent when the route switches on, each node kicks its players on it whose names are not allowed
 */
public record Maintenance(boolean enabled, String motd, String message, List<String> allow, boolean kickCurrent) {
    public static final Maintenance OFF = new Maintenance(false, "", "", List.of(), false);
    public static final String DEFAULT_MOTD = "§cUnder maintenance";
    public static final String DEFAULT_MESSAGE = "This server is under maintenance. Please come back later.";
    /** The version name the server list shows; with protocol -1 a vanilla client shows it in red. */
    public static final String VERSION_NAME = "Maintenance";
    public static final int MAX_ALLOW = 1_000;
    public static final int MAX_MOTD = 256;
    public static final int MAX_MESSAGE = 1_024;

    public Maintenance {
        Objects.requireNonNull(motd, "motd");
        Objects.requireNonNull(message, "message");
        allow = List.copyOf(allow);
        String problem = problem(motd, message, allow);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** What is wrong with these values, or null: one place for the YAML file, the JSON form and the API. */
    public static String problem(String motd, String message, List<String> allow) {
        if (motd.length() > MAX_MOTD) {
            return "motd: at most " + MAX_MOTD + " characters, got " + motd.length();
        }
        if (message.length() > MAX_MESSAGE) {
            return "message: at most " + MAX_MESSAGE + " characters, got " + message.length();
        }
        if (allow.size() > MAX_ALLOW) {
            return "allow: at most " + MAX_ALLOW + " names, got " + allow.size();
        }
        for (int i = 0; i < allow.size(); i++) {
            String bad = nameProblem(allow.get(i));
            if (bad != null) {
                return "allow[" + i + "]: " + bad;
            }
        }
        return null;
    }

    /** Why {@code name} cannot be on the allow-list, or null. */
    public static String nameProblem(String name) {
        return PlayerNames.problem(name).map(p -> "not a player name (" + p + ")").orElse(null);
    }

    /** The MOTD to show: the configured one, or the default when blank. */
    public String shownMotd() {
        return motd.isBlank() ? DEFAULT_MOTD : motd;
    }

    /** The message a refused player reads: the configured one, or the default when blank. */
    public String shownMessage() {
        return message.isBlank() ? DEFAULT_MESSAGE : message;
    }

    /** Whether {@code name} (as read from Login Start; null when unread) may log in while maintenance is on. */
    public boolean admits(String name) {
        if (!enabled) {
            return true;
        }
        if (name == null) {
            return false;
        }
        for (String allowed : allow) {
            if (allowed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

}
