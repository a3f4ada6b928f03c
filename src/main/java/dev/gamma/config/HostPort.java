package dev.gamma.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A host (name, IPv4 or IPv6 address, without brackets) and a port; port 0 means "any free port" for binds. */
public record HostPort(String host, int port) {
    private static final Pattern NAME_OR_IPV4 = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0-65535");
        }
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    public static HostPort parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing host:port");
        }
        String s = text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !s.startsWith(":", close + 1)) {
                throw invalid(text, "");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
            if (!host.contains(":") || !IPV6.matcher(host).matches()) {
                throw invalid(text, " (\"" + host + "\" in brackets is not an IPv6 address)");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(text, "");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (host.contains(":")) {
                throw invalid(text, " (write an IPv6 address in brackets, like [::1]:25565)");
            }
            if (host.isEmpty()) {
                throw invalid(text, " (the host is missing)");
            }
            if (!NAME_OR_IPV4.matcher(host).matches()) {
                throw invalid(text, " (\"" + host + "\" is not a host name or address)");
            }
        }
        return new HostPort(host, parsePort(text, port));
    }

    private static int parsePort(String text, String port) {
        if (port.isEmpty()) {
            throw invalid(text, " (the port is missing)");
        }
        int value = PORT.matcher(port).matches() ? Integer.parseInt(port) : -1;
        if (value < 0 || value > 65535) {
            throw invalid(text, " (port \"" + port + "\" is not a number from 0 to 65535)");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("\"" + text + "\" is not host:port" + why);
    }

    /**
     * Whether only this machine can reach this address: {@code 127.0.0.0/8}, {@code ::1}, {@code localhost}.
     * Never touches DNS: any other name counts as off loopback.
     */
    public boolean isLoopback() {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (DOTTED_QUAD.matcher(h).matches()) {
            String[] octets = h.split("\\.");
            for (String octet : octets) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return octets[0].equals("127");
        }
        InetAddress address = ipv6Literal(h);
        return address != null && address.isLoopbackAddress();
    }

    /** Whether this is every interface: {@code 0.0.0.0} or {@code ::}. */
    public boolean isWildcard() {
        InetAddress address = ipv6Literal(host.strip());
        return host.strip().equals("0.0.0.0") || address != null && address.isAnyLocalAddress();
    }

    /** The address, when {@code text} is an IPv6 literal; null otherwise. */
    private static InetAddress ipv6Literal(String text) {
        if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // with a colon, only a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
