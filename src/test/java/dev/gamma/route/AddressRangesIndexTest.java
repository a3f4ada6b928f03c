package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The ranges are looked up in sorted, merged intervals: the answers must be those of checking every range in turn,
 * for lists that overlap, nest, touch and mix IPv4, IPv6 and IPv4-mapped entries, and for addresses on and next to
 * every boundary.
 */
class AddressRangesIndexTest {
    @Property(tries = 200)
    void theIndexAnswersAsCheckingEveryRangeInTurn(@ForAll long seed, @ForAll @IntRange(min = 0, max = 60) int size) {
        Random random = new Random(seed);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(entry(random));
        }
        AddressRanges ranges = AddressRanges.parse(entries);

        for (String address : probes(entries, random)) {
            assertThat(ranges.contains(address)).as("%s in %s", address, entries)
                    .isEqualTo(linear(entries, address));
        }
    }

    @Test
    void nestedTouchingAndDuplicateRangesMergeWithoutLosingAnAddress() {
        AddressRanges ranges = AddressRanges.parse(List.of("10.0.0.0/8", "10.1.0.0/16", "11.0.0.0/8", "10.1.0.0/16",
                "13.0.0.0/8", "2001:db8::/33", "2001:db8:8000::/33", "::ffff:12.0.0.0/104"));

        assertThat(ranges.contains("10.255.255.255")).isTrue();
        assertThat(ranges.contains("11.255.255.255")).isTrue();
        assertThat(ranges.contains("12.0.0.1")).isTrue();
        assertThat(ranges.contains("13.0.0.0")).isTrue();
        assertThat(ranges.contains("14.0.0.0")).isFalse();
        assertThat(ranges.contains("9.255.255.255")).isFalse();
        assertThat(ranges.contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(ranges.contains("2001:db9::")).isFalse();
        assertThat(ranges.contains("::ffff:13.1.2.3")).isTrue();
    }

    @Test
    void theWholeSpacesMatchEverythingOfTheirKind() {
        AddressRanges both = AddressRanges.parse(List.of("0.0.0.0/0", "::/0"));
        AddressRanges v4 = AddressRanges.parse(List.of("0.0.0.0/0"));

        assertThat(both.contains("255.255.255.255")).isTrue();
        assertThat(both.contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(both.contains("::")).isTrue();
        assertThat(v4.contains("::1")).isFalse();
        assertThat(v4.contains("::ffff:1.2.3.4")).isTrue();
    }

    private static String entry(Random random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> v4(random.nextInt(4) << 30 | random.nextInt(1 << 12) << 18 | random.nextInt(1 << 18))
                    + "/" + random.nextInt(33);
            case 2 -> v6(random) + "/" + random.nextInt(129);
            default -> "::ffff:" + v4(random.nextInt()) + "/" + (96 + random.nextInt(33));
        };
    }

    /** Random addresses, and each entry's first and last address and the ones just outside them. */
    private static List<String> probes(List<String> entries, Random random) {
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            probes.add(v4(random.nextInt()));
            probes.add(v6(random));
            probes.add("::ffff:" + v4(random.nextInt()));
        }
        for (String entry : entries) {
            String[] parts = entry.split("/");
            byte[] network = bytes(parts[0]);
            int bits = network.length * 8;
            int prefix = Integer.parseInt(parts[1]) - (network.length == 4 && parts[0].contains(":") ? 96 : 0);
            if (prefix < 0) {
                continue;
            }
            for (boolean last : new boolean[] {false, true}) {
                byte[] edge = network.clone();
                for (int bit = Math.max(prefix, 0); bit < bits; bit++) {
                    set(edge, bit, last);
                }
                probes.add(text(edge));
                probes.add(text(step(edge, last ? 1 : -1)));
            }
        }
        return probes;
    }

    /** What a list answers when every range is checked in turn, as written (the reference). */
    private static boolean linear(List<String> entries, String address) {
        byte[] raw = bytes(address);
        for (String entry : entries) {
            String[] parts = entry.split("/");
            byte[] network = bytes(parts[0]);
            int prefix = Integer.parseInt(parts[1]);
            boolean writtenAsV6 = parts[0].contains(":");
            byte[] candidate = raw;
            if (writtenAsV6) {
                network = network.length == 4 ? mapped(network) : network;
                candidate = raw.length == 4 ? mapped(raw) : raw;
            } else if (raw.length == 16) {
                candidate = isMapped(raw) ? new byte[] {raw[12], raw[13], raw[14], raw[15]} : null;
            }
            if (candidate != null && candidate.length == network.length && samePrefix(candidate, network, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            if (get(a, bit) != get(b, bit)) {
                return false;
            }
        }
        return true;
    }

    private static boolean get(byte[] bytes, int bit) {
        return (bytes[bit / 8] >> (7 - bit % 8) & 1) == 1;
    }

    private static void set(byte[] bytes, int bit, boolean on) {
        int mask = 1 << (7 - bit % 8);
        bytes[bit / 8] = (byte) (on ? bytes[bit / 8] | mask : bytes[bit / 8] & ~mask);
    }

    /** The address {@code delta} (±1) away, wrapping at the ends of the space. */
    private static byte[] step(byte[] address, int delta) {
        byte[] next = address.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            int value = (next[i] & 0xFF) + delta;
            next[i] = (byte) value;
            if (value >= 0 && value <= 0xFF) {
                break;
            }
        }
        return next;
    }

    private static boolean isMapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
    }

    /** ::ffff:a.b.c.d: ten zero bytes, two 0xFF, then the IPv4 address. */
    private static byte[] mapped(byte[] v4) {
        return ByteBuffer.allocate(16).position(10).putShort((short) 0xFFFF).put(v4).array();
    }

    private static String v4(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    /** Mostly inside 2001:db8::/32 so that entries and probes meet; sometimes anywhere. */
    private static String v6(Random random) {
        byte[] address = new byte[16];
        random.nextBytes(address);
        if (random.nextInt(4) > 0) {
            address[0] = 0x20;
            address[1] = 0x01;
            address[2] = 0x0d;
            address[3] = (byte) 0xb8;
            address[4] = (byte) random.nextInt(4);
        }
        return text(address);
    }

    private static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
