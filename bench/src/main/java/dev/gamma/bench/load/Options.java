package dev.gamma.bench.load;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --key value} options of one subcommand; an option nobody asked for is an error. */
final class Options {
    private final Map<String, String> values;
    private final Set<String> used = new HashSet<>();

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args, int from) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("expected an option, got '" + arg + "'");
            }
            String key = arg.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                values.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(key, args[++i]);
            } else {
                values.put(key, "true");
            }
        }
        return new Options(values);
    }

    String string(String key, String fallback) {
        used.add(key);
        return values.getOrDefault(key, fallback);
    }

    String required(String key) {
        String value = string(key, null);
        if (value == null) {
            throw new UsageException("--" + key + " is required");
        }
        return value;
    }

    int integer(String key, int fallback, int min, int max) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new UsageException("--" + key + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " takes a whole number, not '" + value + "'");
        }
    }

    /** Seconds, fractions allowed, returned as nanoseconds. */
    long seconds(String key, double fallback) {
        String value = string(key, null);
        try {
            double s = value == null ? fallback : Double.parseDouble(value);
            if (!(s >= 0) || s > 86_400) {
                throw new UsageException("--" + key + " must be between 0 and 86400 seconds, not " + value);
            }
            return (long) (s * 1e9);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " takes seconds, not '" + value + "'");
        }
    }

    InetSocketAddress address(String key) {
        String value = required(key);
        int colon = value.lastIndexOf(':');
        if (colon < 1) {
            throw new UsageException("--" + key + " takes host:port, not '" + value + "'");
        }
        try {
            return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + key + " takes host:port, not '" + value + "'");
        }
    }

    Target target() {
        return new Target(address("target"), string("host", "bench.test"));
    }

    /** Call once every option was read: reports the ones nobody asked for. */
    void checkAllUsed() {
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new UsageException("unknown option --" + key);
            }
        }
    }

    /** Bad command-line input: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
