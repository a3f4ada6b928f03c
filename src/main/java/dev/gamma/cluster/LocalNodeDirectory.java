package dev.gamma.cluster;

import java.util.List;

/** A standalone node is the only member. */
final class LocalNodeDirectory implements NodeDirectory {
    private final String selfId;
    private volatile NodeInfo self;

    LocalNodeDirectory(String selfId) {
        this.selfId = selfId;
        this.self = new NodeInfo(selfId, "", "", System.currentTimeMillis());
    }

    void announce(NodeInfo info) {
        this.self = info;
    }

    @Override
    public String selfId() {
        return selfId;
    }

    @Override
    public List<NodeInfo> nodes() {
        return List.of(self);
    }
}
