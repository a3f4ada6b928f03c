package dev.gamma.route;

import java.util.regex.Pattern;

/** A server a route forwards to. */
public record Backend(String host, int port) {
    private static final Pattern NAME_OR_IPV4 = Pattern.compile("[A-Za-z0-9._-]{1,253}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9._-]{1,64})?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** Reads what {@link #toString()} writes: {@code host:port} or {@code [ipv6]:port}, with a port from 1 to 65535. */
    public static Backend parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !text.startsWith(":", close + 1)) {
                throw notBackend(text);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (!host.contains(":") || !IPV6.matcher(host).matches()) {
                throw notBackend(text);
            }
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? "" : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon + 1);
            if (!NAME_OR_IPV4.matcher(host).matches()) {
                throw notBackend(text);
            }
        }
        int number = PORT.matcher(port).matches() ? Integer.parseInt(port) : 0;
        if (number < 1 || number > 65535) {
            throw notBackend(text);
        }
        return new Backend(host, number);
    }

    private static IllegalArgumentException notBackend(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not host:port (a port from 1 to 65535; an IPv6"
                + " address in brackets)");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
