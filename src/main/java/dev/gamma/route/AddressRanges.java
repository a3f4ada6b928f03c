package dev.gamma.route;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a /32 or /128) and whether
 * an address is in one of them. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is matched as its IPv4
 * address. Only literal addresses are read, never DNS names.
 */
public final class AddressRanges {
    public static final AddressRanges NONE = new AddressRanges(List.of(), List.of());

    /** A network and its prefix length in bits: 0–32 for a 4-byte network, 0–128 for a 16-byte one. */
    record Cidr(byte[] network, int prefix) {}

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    private final List<String> entries;
    private final RangeIndex ipv4;
    private final RangeIndex ipv6;

    private AddressRanges(List<String> entries, List<Cidr> ranges) {
        this.entries = entries;
        this.ipv4 = RangeIndex.of(ranges, 4);
        this.ipv6 = RangeIndex.of(ranges, 16);
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
        return entries.isEmpty();
    }

    /** False for text that is not an address literal. */
    public boolean contains(String address) {
        byte[] raw;
        try {
            raw = literal(address);
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        if (raw.length == 4) {
            return ipv4.contains(raw) || ipv6.contains(mapped(raw));
        }
        byte[] v4 = unmapped(raw);
        return ipv6.contains(raw) || (v4 != null && ipv4.contains(v4));
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
        if (prefixText != null && !PREFIX.matcher(prefixText).matches()) {
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
        boolean v6 = bare.contains(":") && IPV6_CHARACTERS.matcher(bare).matches();
        if (bare.length() > 45 || !(v6 || IPV4.matcher(bare).matches())) {
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
