package dev.gamma.config;

import java.util.List;

/** Reads an {@code access} key: {@code allow} and {@code deny} lists of IP addresses and CIDR ranges. */
final class AccessReader {
    /** The same bound as {@code dev.gamma.route.AccessList.MAX_ENTRIES}, which config may not name. */
    static final int MAX_ENTRIES = 10_000;
    private static final ValueType<String> CIDR = new ValueType<>("an IP address or CIDR range", HostSyntax::cidr);

    private AccessReader() {}

    static AccessConfig read(Section parent) {
        Section s = parent.section("access");
        AccessConfig access = new AccessConfig(entries(s, "allow"), entries(s, "deny"));
        s.finish();
        return access;
    }

    private static List<String> entries(Section s, String key) {
        if (s.raw(key) instanceof Tree.Sequence list && list.items().size() > MAX_ENTRIES) {
            s.problem(s.originOf(key), s.path(key), "lists " + list.items().size() + " entries; at most "
                    + MAX_ENTRIES + " are allowed (use CIDR ranges)");
            return List.of();
        }
        return s.list(key, CIDR, List.of());
    }
}
