package dev.gamma.route;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which client addresses may connect: a deny entry always wins; a non-empty allow list admits only the addresses
 * it matches; two empty lists admit everyone ({@link #OPEN}, the off value).
 */
public record AccessList(AddressRanges allow, AddressRanges deny) {
    /** Per list: far above any real list, and a bound on what a file, a PUT or the cluster can make a node hold. */
    public static final int MAX_ENTRIES = 10_000;
    public static final AccessList OPEN = new AccessList(AddressRanges.NONE, AddressRanges.NONE);
    /** What a login to a route that refuses its address reads. */
    public static final String DENIED_MESSAGE = "You are not allowed to join this server.";

    public AccessList {
        allow = allow == null ? AddressRanges.NONE : allow;
        deny = deny == null ? AddressRanges.NONE : deny;
    }

    /** Throws {@link IllegalArgumentException} for a bad entry or a list that is too long. */
    public static AccessList of(List<String> allow, List<String> deny) {
        if (allow.size() > MAX_ENTRIES || deny.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("an access list holds at most " + MAX_ENTRIES + " entries");
        }
        return allow.isEmpty() && deny.isEmpty() ? OPEN
                : new AccessList(AddressRanges.parse(allow), AddressRanges.parse(deny));
    }

    public boolean isOpen() {
        return allow.isEmpty() && deny.isEmpty();
    }

    /** Whether {@code address} (a textual IP address) may connect. */
    public boolean admits(String address) {
        if (isOpen()) {
            return true;
        }
        if (deny.contains(address)) {
            return false;
        }
        return allow.isEmpty() || allow.contains(address);
    }

    /**
     * Two lists in force together (a node's file and the fleet's API list): denied by either; when either has an
     * allow list, admitted by one of them, so the fleet can admit a range the file does not list and the other way
     * round.
     */
    public AccessList and(AccessList other) {
        if (other.isOpen()) {
            return this;
        }
        if (isOpen()) {
            return other;
        }
        // each side was bounded where it was read
        return new AccessList(AddressRanges.parse(merged(allow, other.allow)),
                AddressRanges.parse(merged(deny, other.deny)));
    }

    private static List<String> merged(AddressRanges a, AddressRanges b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a.entries());
        all.addAll(b.entries());
        return new ArrayList<>(all);
    }
}
