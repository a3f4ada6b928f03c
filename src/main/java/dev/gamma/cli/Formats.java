package dev.gamma.cli;

import java.util.Locale;

/** Durations, byte counts and rates the way people read them; shared by the tables and {@code gamma top}. */
public final class Formats {
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

    /** The first 8 characters of a node id: enough to tell a cluster's members apart. */
    public static String shortId(String id) {
        return id == null ? "" : id.length() <= 8 ? id : id.substring(0, 8);
    }
}
