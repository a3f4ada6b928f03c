package dev.gamma.cluster;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The members in the map {@value #MAP} (node id → {@link NodeInfo} JSON), listed only while Hazelcast counts them
 * as members, so a node that died without leaving drops out at once.
 */
final class HazelcastNodeDirectory implements NodeDirectory {
    static final String MAP = "gamma-nodes";

    private final Vertx vertx;
    private final String selfId;
    private final IMap<String, HazelcastJsonValue> map;
    private final Supplier<Collection<String>> members;
    private final MapMirror<NodeInfo> mirror;
    private final Set<String> suspects = new HashSet<>(); // see sweep
    private volatile NodeInfo self;
    private volatile boolean announced;

    /** @param members the node ids Hazelcast counts as members now (a local read) */
    HazelcastNodeDirectory(Vertx vertx, String selfId, IMap<String, HazelcastJsonValue> map,
            Supplier<Collection<String>> members) {
        this.vertx = vertx;
        this.selfId = selfId;
        this.map = map;
        this.members = members;
        this.mirror = new MapMirror<>(map, NodeInfo::fromJson, () -> { });
        this.self = new NodeInfo(selfId, "", "", System.currentTimeMillis());
    }

    MapMirror<NodeInfo> mirror() {
        return mirror;
    }

    @Override
    public String selfId() {
        return selfId;
    }

    /** This node first (as it announced itself last), then the others by id. */
    @Override
    public List<NodeInfo> nodes() {
        Set<String> current = new HashSet<>(members.get());
        List<NodeInfo> nodes = new ArrayList<>();
        nodes.add(self);
        mirror.entries().values().stream()
                .filter(n -> !n.id().equals(selfId) && current.contains(n.id()))
                .sorted(Comparator.comparing(NodeInfo::id))
                .forEach(nodes::add);
        return nodes;
    }

    Future<Void> announce(NodeInfo info) {
        self = new NodeInfo(selfId, info.address(), info.admin(), info.startedAt());
        announced = true;
        return Future.fromCompletionStage(map.setAsync(selfId, json(self)), vertx.getOrCreateContext());
    }

    /** Removes a node's entry (this one's when leaving, another's when it departed). */
    Future<Void> forget(String nodeId) {
        if (nodeId.equals(selfId)) {
            announced = false;
        }
        return Future.fromCompletionStage(map.removeAsync(nodeId), vertx.getOrCreateContext()).mapEmpty();
    }

    /**
     * Drops entries of nodes that were not members at two sweeps in a row (see the player registry's sweep)
     * and puts this node's again if the cluster lost it. Runs on one thread at a time.
     */
    void sweep(Set<String> current) {
        Set<String> absent = new HashSet<>();
        mirror.entries().keySet().stream().filter(id -> !current.contains(id)).forEach(absent::add);
        absent.stream().filter(suspects::contains).forEach(map::removeAsync);
        suspects.clear();
        suspects.addAll(absent);
        reassertMissing();
    }

    void reassertMissing() {
        if (announced && !mirror.entries().containsKey(selfId)) {
            map.setAsync(selfId, json(self));
        }
    }

    private static HazelcastJsonValue json(NodeInfo info) {
        return new HazelcastJsonValue(info.toJson().encode());
    }
}
