package dev.gamma.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Players grouped by a key (a route, a lower-cased name), so that a change costs the same however many share its
 * key, and a look at a few members costs the same however many there were. A group of one is an immutable map,
 * the usual case for a name; a second member makes it a concurrent map changed in place. A concurrent map never
 * gives its table back, and a walk for a few members goes over the empty slots too: a group that shrank to a
 * quarter of its peak (bots gone from a route, say) is copied into a map of its size, which the removals since
 * the peak paid for.
 */
final class PlayerGroups {
    private static final int SMALL = 64;

    /** A group's members and the most it held since its map was made; both changed only in its key's compute. */
    private static final class Group {
        final Map<String, PlayerEntry> members;
        int peak;

        Group(Map<String, PlayerEntry> members) {
            this.members = members;
            this.peak = members.size();
        }
    }

    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    void add(String key, PlayerEntry entry) {
        groups.compute(key, (k, group) -> {
            if (group == null) {
                return new Group(Map.of(entry.id(), entry));
            }
            Group grown = group.members instanceof ConcurrentHashMap ? group
                    : new Group(new ConcurrentHashMap<>(group.members));
            grown.members.put(entry.id(), entry);
            grown.peak = Math.max(grown.peak, grown.members.size());
            return grown;
        });
    }

    void remove(String key, String id) {
        groups.computeIfPresent(key, (k, group) -> {
            if (!(group.members instanceof ConcurrentHashMap)) {
                return group.members.containsKey(id) ? null : group;
            }
            group.members.remove(id);
            int left = group.members.size();
            if (left == 0) {
                return null;
            }
            return group.peak >= SMALL && left < group.peak / 4 ? new Group(new ConcurrentHashMap<>(group.members))
                    : group;
        });
    }

    int size(String key) {
        Group group = groups.get(key);
        return group == null ? 0 : group.members.size();
    }

    /** The members under {@code key}, as they are while read: a view, not a copy. */
    Collection<PlayerEntry> members(String key) {
        Group group = groups.get(key);
        return group == null ? List.of() : group.members.values();
    }
}
