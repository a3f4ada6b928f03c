package dev.gamma.cluster;

import java.util.List;

/** The members of the cluster, this one included. */
public interface NodeDirectory {

    String selfId();

    List<NodeInfo> nodes();

    /**
     * The node in charge of {@code key} (a refresh, a health check) by rendezvous hashing over the current nodes:
     * every node that sees the same members names the same one, and a member's arrival or departure moves only
     * the keys it takes or held.
     */
    default String ownerOf(String key) {
        String owner = selfId();
        long best = Long.MIN_VALUE;
        for (NodeInfo node : nodes()) {
            long score = Rendezvous.score(node.id(), key);
            if (score > best || score == best && node.id().compareTo(owner) < 0) {
                best = score;
                owner = node.id();
            }
        }
        return owner;
    }

    /**
     * This node's place in the order {@link #ownerOf} ranks the nodes for {@code key}: 0 when it owns the key, 1 when
     * it would own it if the owner left, and so on. Lets a job fall to the next node in line when the owner is silent.
     */
    default int rankOf(String key) {
        String self = selfId();
        long own = Rendezvous.score(self, key);
        int rank = 0;
        for (NodeInfo node : nodes()) {
            long score = Rendezvous.score(node.id(), key);
            if (!node.id().equals(self) && (score > own || score == own && node.id().compareTo(self) < 0)) {
                rank++;
            }
        }
        return rank;
    }

    /** True when this node is in charge of {@code key} (see {@link #ownerOf}). */
    default boolean owns(String key) {
        return ownerOf(key).equals(selfId());
    }
}
