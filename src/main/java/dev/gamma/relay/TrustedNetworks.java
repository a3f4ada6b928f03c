package dev.gamma.relay;

import dev.gamma.route.AddressRanges;
import java.util.List;

/** The CIDR ranges allowed to send a PROXY protocol header (a bare address is a /32 or /128). */
public final class TrustedNetworks {
    private final AddressRanges ranges;

    private TrustedNetworks(AddressRanges ranges) {
        this.ranges = ranges;
    }

    /** Parses {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1/128}; only literal addresses, never DNS names. */
    public static TrustedNetworks parse(List<String> cidrs) {
        return new TrustedNetworks(AddressRanges.parse(cidrs));
    }

    public boolean contains(String address) {
        return ranges.contains(address);
    }
}
