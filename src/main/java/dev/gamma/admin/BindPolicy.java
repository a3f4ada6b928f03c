package dev.gamma.admin;

import dev.gamma.config.AdminConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the admin API may listen without a token: only on loopback, where nobody but this machine reaches it.
 * Never touches DNS: a name other than localhost counts as off loopback.
 */
final class BindPolicy {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private BindPolicy() {}

    static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            return isLoopbackIpv4(h.split("\\."));
        }
        if (!IPV6.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // with a colon, only a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLoopbackIpv4(String[] octets) {
        for (String octet : octets) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return Integer.parseInt(octets[0]) == 127;
    }

    /** Why the API must not start with this configuration, if it must not. */
    static Optional<String> refusal(AdminConfig config) {
        if (!config.token().isBlank() || isLoopback(config.bind().host())) {
            return Optional.empty();
        }
        return Optional.of("admin.token: must be set when admin.bind (" + config.bind()
                + ") is not a loopback address; otherwise anyone who reaches that address could kick players and"
                + " change routes (set admin.token or GAMMA_ADMIN_TOKEN, or bind admin to 127.0.0.1)");
    }
}
