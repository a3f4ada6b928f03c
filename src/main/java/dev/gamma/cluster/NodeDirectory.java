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

    /** True when this node is in charge of {@code key} (see {@link #ownerOf}). */
    default boolean owns(String key) {
        return ownerOf(key).equals(selfId());
    }
}
