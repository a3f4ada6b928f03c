package dev.gamma.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host with an optional port, as an HTTP {@code Host} header or an {@code Origin} carries it:
 * {@code name}, {@code name:port}, {@code 10.0.0.5:8080}, {@code [::1]:8080}. Names are lower-cased without a
 * trailing dot and IPv6 addresses are in one canonical form, so equal authorities are equal records. Never
 * touches DNS.
 *
 * @param host a name, an IPv4 address or an IPv6 address (without brackets)
 * @param port 1 to 65535, or {@link #NO_PORT}
 */
public record Authority(String host, int port) {
    public static final int NO_PORT = -1;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** Parses {@code host}, {@code host:port} or {@code [ipv6]:port}; throws with the reason otherwise. */
    public static Authority parse(String text) {
        String s = text.strip();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 < s.length() && s.charAt(close + 1) != ':') {
                throw invalid(text);
            }
            host = ipv6(s.substring(1, close), text);
            port = close + 1 < s.length() ? s.substring(close + 2) : null;
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0) {
                port = s.substring(colon + 1);
                s = s.substring(0, colon);
            }
            host = s.toLowerCase(Locale.ROOT);
            if (host.length() > 1 && host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (!IPV4.matcher(host).matches() && !HostSyntax.isHostname(host)) {
                throw invalid(text);
            }
        }
        return new Authority(host, port == null ? NO_PORT : port(port, text));
    }

    /** The address a listener binds to, in the same form as a parsed {@code Host}. */
    public static Authority of(HostPort bind) {
        String host = bind.host().contains(":") ? ipv6(bind.host().replaceFirst("%.*", ""), bind.toString())
                : bind.host().toLowerCase(Locale.ROOT);
        return new Authority(host, bind.port());
    }

    public boolean isIpLiteral() {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    /** This authority without its port. */
    public Authority hostOnly() {
        return new Authority(host, NO_PORT);
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == NO_PORT ? h : h + ":" + port;
    }

    private static String ipv6(String address, String text) {
        if (!IPV6.matcher(address).matches()) {
            throw invalid(text);
        }
        try {
            return InetAddress.getByName(address).getHostAddress(); // a literal with ':' is parsed, never looked up
        } catch (UnknownHostException e) {
            throw invalid(text);
        }
    }

    private static int port(String port, String text) {
        int value = PORT.matcher(port).matches() ? Integer.parseInt(port) : 0;
        if (value < 1 || value > 65535) {
            throw invalid(text);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text.strip() + "\" is not a host or host:port (IPv6 in brackets:"
                + " [::1]:8080)");
    }
}
