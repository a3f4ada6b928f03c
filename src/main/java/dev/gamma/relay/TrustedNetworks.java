package dev.gamma.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The CIDR ranges allowed to send a PROXY protocol header (a bare address is a /32 or /128). */
public final class TrustedNetworks {
    private record Cidr(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefix % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - restBits);
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Cidr> ranges;

    private TrustedNetworks(List<Cidr> ranges) {
        this.ranges = ranges;
    }

    /** Parses {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1/128}; only literal addresses, never DNS names. */
    public static TrustedNetworks parse(List<String> cidrs) {
        return new TrustedNetworks(cidrs.stream().map(TrustedNetworks::cidr).toList());
    }

    public boolean contains(String address) {
        byte[] raw = literal(address);
        byte[] v4 = unmapped(raw);
        return ranges.stream().anyMatch(range -> range.contains(raw) || (v4 != null && range.contains(v4)));
    }

    private static Cidr cidr(String text) {
        int slash = text.indexOf('/');
        byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
        int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1).strip());
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " does not fit " + text);
        }
        return new Cidr(network, prefix);
    }

    private static byte[] literal(String address) {
        String bare = address.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
            throw new IllegalArgumentException(address + " is not an IP address");
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address + " is not an IP address", e);
        }
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else null. */
    private static byte[] unmapped(byte[] raw) {
        if (raw.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return null;
            }
        }
        if (raw[10] != (byte) 0xFF || raw[11] != (byte) 0xFF) {
            return null;
        }
        return new byte[] {raw[12], raw[13], raw[14], raw[15]};
    }
}
