package dev.gamma.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which of this node's keys to seal with: the newest one that every other member can open, so that during a
 * rolling change of {@code cluster.secret} (new secret first, old second) nodes keep sealing with the old secret
 * until the last node that knows only the old one has restarted, and then all move to the new one.
 */
final class SealingKeyChoice {
    private SealingKeyChoice() {}

    /**
     * @param own    this node's keys, newest first
     * @param others the key ids of each other member whose entry this node can read
     */
    static Keyring.Key choose(List<Keyring.Key> own, Collection<Set<Integer>> others) {
        for (Keyring.Key key : own) {
            if (others.stream().allMatch(ids -> ids.contains(key.id()))) {
                return key;
            }
        }
        // no key in common: those members cannot read this node whatever it does; keep to the newest
        return own.get(0);
    }
}
