package dev.gamma.route;

import java.util.Locale;

/** Turns the address a client typed into the name routes are keyed by. */
public final class Hostnames {
    private static final String SRV_PREFIX = "_minecraft._tcp.";

    private Hostnames() {}

    /**
     * Cuts Forge/FML, BungeeCord and Floodgate data (after the first NUL), TCPShield RealIP ({@code ///}) and
     * infinity-filter ({@code \\}) suffixes, an SRV prefix, a {@code :port}, trailing dots, and lowers the case.
     */
    public static String normalize(String address) {
        String host = cutAt(address, "\0");
        host = cutAt(host, "///");
        host = cutAt(host, "\\\\");
        host = host.strip();
        host = stripPort(host);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith(SRV_PREFIX)) {
            host = host.substring(SRV_PREFIX.length());
        }
        return host;
    }

    /** The part of the address from the first NUL on (Forge markers and the like), or "". */
    public static String suffix(String address) {
        int nul = address.indexOf('\0');
        return nul < 0 ? "" : address.substring(nul);
    }

    private static String cutAt(String s, String marker) {
        int at = s.indexOf(marker);
        return at < 0 ? s : s.substring(0, at);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(1, close);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
            return host.substring(0, colon);
        }
        return host;
    }
}
