package dev.gamma.route;

import java.util.ArrayList;
import java.util.List;

/**
 * CIDR ranges of one address length (4 or 16 bytes) as sorted, merged intervals, so that whether an address is
 * in one of them is a binary search: an access list of 10,000 entries costs each new connection about 14
 * comparisons, not 10,000. An address is two unsigned 64-bit halves (an IPv4 address only the low one).
 */
final class RangeIndex {
    private final long[] startHigh;
    private final long[] startLow;
    private final long[] endHigh;
    private final long[] endLow;

    private RangeIndex(List<long[]> merged) {
        int n = merged.size();
        startHigh = new long[n];
        startLow = new long[n];
        endHigh = new long[n];
        endLow = new long[n];
        for (int i = 0; i < n; i++) {
            long[] interval = merged.get(i);
            startHigh[i] = interval[0];
            startLow[i] = interval[1];
            endHigh[i] = interval[2];
            endLow[i] = interval[3];
        }
    }

    /** The ranges whose network is {@code length} bytes long. */
    static RangeIndex of(List<AddressRanges.Cidr> ranges, int length) {
        List<long[]> intervals = new ArrayList<>();
        for (AddressRanges.Cidr range : ranges) {
            byte[] network = range.network();
            if (network.length != length) {
                continue;
            }
            // an IPv4 address is the low 32 bits of the 128: its prefix counts from bit 96
            int prefix = range.prefix() + (length == 4 ? 96 : 0);
            long maskHigh = mask(prefix);
            long maskLow = mask(prefix - 64);
            long high = high(network) & maskHigh;
            long low = low(network) & maskLow;
            intervals.add(new long[] {high, low, high | ~maskHigh, low | ~maskLow});
        }
        intervals.sort((a, b) -> compare(a[0], a[1], b[0], b[1]));
        List<long[]> merged = new ArrayList<>();
        for (long[] next : intervals) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && compare(next[0], next[1], last[2], last[3]) <= 0) {
                if (compare(next[2], next[3], last[2], last[3]) > 0) {
                    last[2] = next[2];
                    last[3] = next[3];
                }
            } else {
                merged.add(next);
            }
        }
        return new RangeIndex(merged);
    }

    boolean contains(byte[] address) {
        long high = high(address);
        long low = low(address);
        // the last interval starting at or before the address
        int lo = 0;
        int hi = startHigh.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(startHigh[mid], startLow[mid], high, low) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && compare(high, low, endHigh[found], endLow[found]) <= 0;
    }

    /** The top {@code bits} bits of a 64-bit half set (none for 0 or less, all for 64 or more). */
    private static long mask(int bits) {
        return bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
    }

    private static long high(byte[] address) {
        return address.length == 4 ? 0 : word(address, 0);
    }

    private static long low(byte[] address) {
        return address.length == 4 ? word(address, 0) >>> 32 : word(address, 8);
    }

    /** Eight bytes from {@code offset} as a big-endian long (past the end, zeros: an IPv4 address is 4 bytes). */
    private static long word(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            int index = offset + i;
            value = value << 8 | (index < bytes.length ? bytes[index] & 0xFF : 0);
        }
        return value;
    }

    private static int compare(long highA, long lowA, long highB, long lowB) {
        int byHigh = Long.compareUnsigned(highA, highB);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(lowA, lowB);
    }
}
