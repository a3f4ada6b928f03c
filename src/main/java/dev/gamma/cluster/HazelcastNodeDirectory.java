package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The members in the sealed map {@value #MAP} (node id → {@link NodeInfo}, the ids of the secrets the node opens
 * with, and its Hazelcast member's UUID), listed only while Hazelcast counts them as members, so a node that died
 * without leaving drops out at once. Each node writes its entry again every few seconds, stamped ({@link
 * Freshness}), so an old entry put back is refused.
 */
final class HazelcastNodeDirectory implements NodeDirectory {
    static final String MAP = "gamma-nodes";

    /**
     * A member's entry: what it announced, which secrets it knows (by id), which Hazelcast member it is (so that only
     * that member's departure removes it), and when it was written.
     */
    record MemberEntry(NodeInfo info, Set<Integer> keyIds, String member, long writtenAt) {
        JsonObject toJson() {
            return info.toJson().put("keys", new JsonArray(List.copyOf(keyIds))).put("member", member)
                    .put("writtenAt", writtenAt);
        }

        static MemberEntry fromJson(JsonObject json) {
            Set<Integer> ids = new HashSet<>();
            json.getJsonArray("keys", new JsonArray()).forEach(id -> ids.add(((Number) id).intValue()));
            return new MemberEntry(NodeInfo.fromJson(json), Set.copyOf(ids), json.getString("member", ""),
                    json.getLong("writtenAt", 0L));
        }
    }

    private final Vertx vertx;
    private final String selfId;
    private final SealedMap map;
    private final Supplier<Collection<String>> members;
    private final Set<Integer> ownKeyIds;
    private final String ownMember;
    private final AtomicLong lastStamp = new AtomicLong();
    private final MapMirror<MemberEntry> mirror;
    private final Set<String> suspects = new HashSet<>(); // see sweep
    private volatile NodeInfo self;
    private volatile boolean announced;

    /**
     * @param members   the node ids Hazelcast counts as members now (a local read)
     * @param ownKeyIds the ids of the secrets this node opens with, announced so others can choose a common one
     * @param ownMember this node's Hazelcast member UUID
     * @param onChange  called after every change of the directory (on a Hazelcast event thread)
     */
    HazelcastNodeDirectory(Vertx vertx, String selfId, SealedMap map, Supplier<Collection<String>> members,
            Set<Integer> ownKeyIds, String ownMember, Runnable onChange) {
        this.vertx = vertx;
        this.selfId = selfId;
        this.map = map;
        this.members = members;
        this.ownKeyIds = Set.copyOf(ownKeyIds);
        this.ownMember = ownMember;
        this.mirror = new MapMirror<>(map, MemberEntry::fromJson, onChange);
        mirror.guard(new Freshness<>(MemberEntry::writtenAt, System::currentTimeMillis));
        this.self = new NodeInfo(selfId, "", "", System.currentTimeMillis());
    }

    MapMirror<MemberEntry> mirror() {
        return mirror;
    }

    @Override
    public String selfId() {
        return selfId;
    }

    /** This node first (as it announced itself last), then the others by id. */
    @Override
    public List<NodeInfo> nodes() {
        List<NodeInfo> nodes = new ArrayList<>();
        nodes.add(self);
        others().stream().map(MemberEntry::info).sorted(Comparator.comparing(NodeInfo::id)).forEach(nodes::add);
        return nodes;
    }

    /** The entry of node {@code nodeId}, if this node can read it. */
    MemberEntry entry(String nodeId) {
        return mirror.entries().get(nodeId);
    }

    /** The node ids Hazelcast counts as members now (vertx-hazelcast's, from each member's attribute). */
    Set<String> memberIds() {
        return new HashSet<>(members.get());
    }

    /** The entries of the other current members that this node can read. */
    List<MemberEntry> others() {
        Set<String> current = new HashSet<>(members.get());
        return mirror.entries().values().stream()
                .filter(m -> !m.info().id().equals(selfId) && current.contains(m.info().id()))
                .toList();
    }

    /**
     * Blocking: writes this node's entry before it has addresses to announce, so that from its first moment in
     * the cluster the others know which secrets it has (see {@code SealingKeyChoice}).
     */
    void announceKeysBlocking() {
        announced = true;
        map.setAsync(selfId, own().toJson()).toCompletableFuture().join();
    }

    Future<Void> announce(NodeInfo info) {
        self = new NodeInfo(selfId, info.address(), info.admin(), info.startedAt(), info.state(),
                info.drainDeadline());
        announced = true;
        return HazelcastFutures.on(vertx.getOrCreateContext(), map.setAsync(selfId, own().toJson()));
    }

    /** Removes a node's entry (this one's when leaving, another's when it departed). */
    Future<Void> forget(String nodeId) {
        if (nodeId.equals(selfId) && !announced) {
            return Future.succeededFuture();
        }
        if (nodeId.equals(selfId)) {
            announced = false;
        }
        return HazelcastFutures.on(vertx.getOrCreateContext(), map.removeAsync(nodeId)).mapEmpty();
    }

    /**
     * Drops entries of nodes that were not members at two sweeps in a row (see the player registry's sweep)
     * and writes this node's again (it must stay fresh, and the cluster may have lost it). Runs on one thread at a
     * time.
     */
    void sweep(Set<String> current) {
        Set<String> absent = new HashSet<>();
        mirror.entries().keySet().stream().filter(id -> !current.contains(id) && !id.equals(selfId))
                .forEach(absent::add);
        absent.stream().filter(suspects::contains).forEach(map::removeAsync);
        suspects.clear();
        suspects.addAll(absent);
        reseal();
    }

    void reassertMissing() {
        if (announced && !mirror.holds(selfId)) {
            reseal();
        }
    }

    /** Writes this node's entry again, freshly stamped and sealed with the key it seals with now. */
    void reseal() {
        if (announced) {
            map.setAsync(selfId, own().toJson());
        }
    }

    private MemberEntry own() {
        long now = System.currentTimeMillis();
        return new MemberEntry(self, ownKeyIds, ownMember, lastStamp.updateAndGet(p -> Freshness.next(p, now)));
    }
}
