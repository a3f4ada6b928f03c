package dev.gamma.client;

import com.googlecode.lanterna.TerminalTextUtils;
import dev.gamma.protocol.Printable;
import java.util.Locale;

/**
 * Durations, byte counts and rates the way people read them, and text from the network made safe to print;
 * shared by the tables and {@code gamma top}.
 */
public final class Formats {
    /** The most characters of one value a table or a message shows (the API's own longest texts are 256). */
    static final int MAX_TEXT = 256;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Formats() {}

    /** "45s", "3m 12s", "2h 05m", "3d 04h"; negative spans (clock skew between nodes) read as "0s". */
    public static String duration(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m " + String.format(Locale.ROOT, "%02ds", seconds % 60);
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + "h " + String.format(Locale.ROOT, "%02dm", minutes % 60);
        }
        return hours / 24 + "d " + String.format(Locale.ROOT, "%02dh", hours % 24);
    }

    /** "512 B", "1.5 KiB", "20.0 MiB". */
    public static String bytes(double count) {
        double value = Math.max(0, count);
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? Math.round(value) + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@link #bytes} per second. */
    public static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /**
     * Text that came from the network (a player's name, a hostname, an API error) as a terminal may show it: no
     * control character, line break or bidirectional override, which would move the cursor, forge a row or
     * restyle the operator's terminal, but a {@code \\uXXXX} escape instead (see {@link Printable}); cut when long.
     */
    public static String printable(String text) {
        return Printable.escape(text, MAX_TEXT);
    }

    /**
     * The API's JSON with every character {@link #printable} escapes written as a JSON {@code \\u} escape: the
     * same values for a script, nothing for a terminal to act on. Tab, CR and LF are left alone: valid JSON has
     * them only between values, where they are layout.
     */
    public static String printableJson(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Printable.needsEscape(c) && c != '\t' && c != '\n' && c != '\r') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** How many terminal columns {@code text} takes: two for each wide (CJK) character, as Lanterna counts. */
    public static int columns(String text) {
        return TerminalTextUtils.getColumnWidth(text);
    }

    /** The first 8 characters of a node id: enough to tell a cluster's members apart. */
    public static String shortId(String id) {
        return id == null ? "" : id.length() <= 8 ? id : id.substring(0, 8);
    }
}
