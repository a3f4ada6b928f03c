package dev.gamma.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax checks for route hosts, hostnames and trusted address ranges. Never touches DNS. */
final class HostSyntax {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9a-fA-F:][0-9a-fA-F:.]*");

    private HostSyntax() {}

    /**
     * A route host lower-cased and without a trailing dot: a hostname, {@code *.suffix} or {@code *}.
     */
    static String routeHost(String text) {
        String host = text.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".") && !host.equals("*.")) {
            host = host.substring(0, host.length() - 1);
        }
        boolean ok = host.equals("*") || isHostname(host.startsWith("*.") ? host.substring(2) : host);
        if (!ok) {
            throw new IllegalArgumentException("\"" + text + "\" is not a hostname, a *.suffix wildcard or *");
        }
        return host;
    }

    /** A hostname for rewrite-host: lower-cased; "" stays "" (no rewrite). */
    static String hostname(String text) {
        String host = text.strip().toLowerCase(Locale.ROOT);
        if (!host.isEmpty() && !isHostname(host)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a hostname");
        }
        return host;
    }

    static boolean isHostname(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** An IP address or CIDR range such as {@code 10.0.0.0/8} or {@code fd00::/8}, as written. */
    static String cidr(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        int bits;
        if (IPV4.matcher(address).matches()) {
            bits = 32;
        } else if (IPV6.matcher(address).matches() && isInetLiteral(address)) {
            bits = 128;
        } else {
            throw notCidr(text);
        }
        if (slash >= 0) {
            String prefix = s.substring(slash + 1);
            if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
                throw notCidr(text);
            }
        }
        return s;
    }

    private static boolean isInetLiteral(String address) {
        try {
            InetAddress.getByName(address); // a literal with ':' is parsed, never looked up
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static IllegalArgumentException notCidr(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR range (like 10.0.0.0/8)");
    }
}
