package dev.gamma.route;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * IPv4 and IPv6 CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a /32 or /128) and whether
 * an address is in one of them. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is matched as its IPv4
 * address. Only literal addresses are read, never DNS names.
 */
public final class AddressRanges {
    public static final AddressRanges NONE = new AddressRanges(List.of(), List.of());

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

    private final List<String> entries;
    private final List<Cidr> ranges;

    private AddressRanges(List<String> entries, List<Cidr> ranges) {
        this.entries = entries;
        this.ranges = ranges;
    }

    /** Throws {@link IllegalArgumentException} quoting the first entry that is not an address or CIDR range. */
    public static AddressRanges parse(List<String> cidrs) {
        List<String> entries = cidrs.stream().map(String::strip).toList();
        return new AddressRanges(entries, entries.stream().map(AddressRanges::cidr).toList());
    }

    /** The entries as written (stripped). */
    public List<String> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** False for text that is not an address literal. */
    public boolean contains(String address) {
        byte[] raw;
        try {
            raw = literal(address);
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        byte[] other = raw.length == 4 ? mapped(raw) : unmapped(raw);
        for (Cidr range : ranges) {
            if (range.contains(raw) || (other != null && range.contains(other))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRanges that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    private static Cidr cidr(String text) {
        int slash = text.indexOf('/');
        byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
        String prefixText = slash < 0 ? null : text.substring(slash + 1).strip();
        if (prefixText != null && !prefixText.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("\"" + shortened(text) + "\" has no prefix length after the /");
        }
        // Java reads ::ffff:a.b.c.d as the IPv4 address, so a prefix written for the IPv6 form counts from bit 96
        boolean mapped = network.length == 4 && text.contains(":");
        int bits = mapped ? 128 : network.length * 8;
        int prefix = prefixText == null ? bits : Integer.parseInt(prefixText);
        if (prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " does not fit " + shortened(text));
        }
        if (mapped && prefix < 96) {
            return new Cidr(mapped(network), prefix);
        }
        return new Cidr(network, mapped ? prefix - 96 : prefix);
    }

    private static byte[] literal(String address) {
        String bare = address.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        // a colon makes InetAddress parse a literal, never look a name up; digits and dots alone are IPv4
        boolean v6 = bare.contains(":") && bare.matches("[0-9a-fA-F:.]+");
        if (bare.length() > 45 || !(v6 || bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))) {
            throw new IllegalArgumentException("\"" + shortened(address) + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + shortened(address) + "\" is not an IP address", e);
        }
    }

    private static String shortened(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** An IPv4 address's IPv4-mapped IPv6 form. */
    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
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
