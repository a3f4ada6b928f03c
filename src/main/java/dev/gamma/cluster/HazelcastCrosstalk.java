package dev.gamma.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import com.hazelcast.map.IMap;
import dev.gamma.config.ClusterSecrets;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cluster.enabled: true}: players, routes and members shared through Hazelcast maps. The node id is
 * vertx-hazelcast's ({@link HazelcastClusterManager#getNodeId()}), kept in each member's attribute
 * {@value #NODE_ID_ATTRIBUTE}; it is also the suffix of this node's event-bus addresses.
 *
 * <p>When a member leaves or dies every survivor removes its players and its node entry (idempotent). A periodic
 * sweep removes entries of nodes that are not members and puts this node's own entries back if the cluster lost
 * them, so that the two sides of a healed split converge; after such a merge the mirrors are read again.
 *
 * <p>Every value is sealed ({@link Sealer}) with a key derived from {@code cluster.secret}, and every command
 * carries a MAC ({@link CommandSeal}): a member without the secret reads nothing and changes nothing. The sweep
 * also puts back good values that such a member deleted or overwrote, and seals again what an older key sealed once
 * every member can open the newer one ({@link SealingKeyChoice}).
 */
final class HazelcastCrosstalk implements Crosstalk {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastCrosstalk.class);
    static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

    /**
     * @param clusterName salts the keys derived from the secrets
     * @param sweepEvery  how often stale entries are looked for (see the class comment)
     */
    record Settings(Path dataDir, ClusterSecrets secrets, String clusterName, Duration sweepEvery) {
        static Settings of(Path dataDir, ClusterSecrets secrets, String clusterName) {
            return new Settings(dataDir, secrets, clusterName, Duration.ofSeconds(5));
        }
    }

    private final Vertx vertx;
    private final HazelcastClusterManager manager;
    private final Context context;
    private final HazelcastPlayerRegistry players;
    private final HazelcastNodeDirectory nodes;
    private final HazelcastRouteStore routes;
    private final Map<SharedTable.Name, HazelcastSharedTable> tables = new EnumMap<>(SharedTable.Name.class);
    private final Keyring keyring;
    private final ClusterRejections rejections = new ClusterRejections();
    private final CommandSeal commandSeal;
    private final HazelcastActionClaims claims;
    private long sweepTimer = -1;
    private boolean chosenOnce; // guarded by this
    private Future<Void> leaving;

    private HazelcastCrosstalk(Vertx vertx, HazelcastClusterManager manager, Context context, Settings settings) {
        this.vertx = vertx;
        this.manager = manager;
        this.context = context;
        HazelcastInstance hazelcast = manager.getHazelcastInstance();
        String self = manager.getNodeId();
        this.keyring = new Keyring(settings.secrets(), settings.clusterName());
        Sealer sealer = new Sealer(keyring, new SecureRandom());
        this.commandSeal = new CommandSeal(keyring, self, System::currentTimeMillis, rejections);
        this.players = new HazelcastPlayerRegistry(vertx, context, self,
                sealed(hazelcast, HazelcastPlayerRegistry.MAP, sealer, ClusterRejections.Kind.PLAYER));
        this.nodes = new HazelcastNodeDirectory(vertx, self,
                sealed(hazelcast, HazelcastNodeDirectory.MAP, sealer, ClusterRejections.Kind.NODE),
                manager::getNodes, keyring.keys().stream().map(Keyring.Key::id).collect(Collectors.toSet()),
                hazelcast.getCluster().getLocalMember().getUuid().toString(), this::chooseSealingKey);
        this.routes = new HazelcastRouteStore(vertx,
                sealed(hazelcast, HazelcastRouteStore.MAP, sealer, ClusterRejections.Kind.ROUTE),
                sealed(hazelcast, HazelcastRouteStore.TOMBSTONES, sealer, ClusterRejections.Kind.TOMBSTONE),
                new RoutePersistence(vertx, settings.dataDir()));
        for (SharedTable.Name name : SharedTable.Name.values()) {
            tables.put(name, new HazelcastSharedTable(name,
                    sealed(hazelcast, name.map, sealer, name.kind), System::currentTimeMillis));
        }
        this.claims = new HazelcastActionClaims(vertx,
                sealed(hazelcast, HazelcastActionClaims.MAP, sealer, ClusterRejections.Kind.WAKE), self,
                System::currentTimeMillis);
    }

    private SealedMap sealed(HazelcastInstance hazelcast, String name, Sealer sealer, ClusterRejections.Kind kind) {
        IMap<String, Object> map = hazelcast.getMap(name);
        return new SealedMap(map, sealer, rejections, kind);
    }

    /**
     * Joins the shared maps of a clustered Vert.x built on {@code manager}. Routes follow once
     * {@link RouteStore#start} is called.
     */
    static Future<HazelcastCrosstalk> start(Vertx vertx, HazelcastClusterManager manager, Settings settings) {
        Context context = vertx.getOrCreateContext();
        return context.executeBlocking(() -> {
            // getMap creates proxies and registering listeners waits for every member: not on an event loop
            HazelcastCrosstalk crosstalk = new HazelcastCrosstalk(vertx, manager, context, settings);
            crosstalk.players.mirror().startBlocking();
            crosstalk.nodes.mirror().startBlocking();
            for (HazelcastSharedTable table : crosstalk.tables.values()) {
                table.mirror().startBlocking();
            }
            crosstalk.chooseSealingKey();
            crosstalk.nodes.announceKeysBlocking();
            HazelcastInstance hazelcast = manager.getHazelcastInstance();
            hazelcast.getCluster().addMembershipListener(new MemberDepartures(crosstalk.nodes, crosstalk.players,
                    crosstalk.context));
            hazelcast.getLifecycleService().addLifecycleListener(crosstalk::lifecycle);
            return crosstalk;
        }, false).onSuccess(crosstalk -> crosstalk.sweepTimer =
                vertx.setPeriodic(settings.sweepEvery().toMillis(), id -> crosstalk.sweep()));
    }

    /** The member underneath, for tests that make it fail. */
    HazelcastClusterManager manager() {
        return manager;
    }

    /** The context the cluster's own work runs on (sweeps, the registry's windows), for tests to run beside it. */
    Context home() {
        return context;
    }

    @Override
    public PlayerRegistry players() {
        return players;
    }

    @Override
    public RouteStore routes() {
        return routes;
    }

    @Override
    public NodeDirectory nodes() {
        return nodes;
    }

    @Override
    public SharedTable table(SharedTable.Name name) {
        return tables.get(name);
    }

    @Override
    public ActionClaims claims() {
        return claims;
    }

    @Override
    public ClusterRejections rejections() {
        return rejections;
    }

    @Override
    public CommandSeal commandSeal() {
        return commandSeal;
    }

    @Override
    public Future<Void> announce(NodeInfo self) {
        return nodes.announce(self);
    }

    /**
     * Removes this node's players and node entry and writes the routes it knows to disk. The member itself goes
     * when its Vert.x closes ({@link ClusterNode#close()}). Safe to call twice.
     */
    @Override
    public synchronized Future<Void> leave() {
        if (leaving == null) {
            vertx.cancelTimer(sweepTimer);
            String self = nodes.selfId();
            // bound to no context: the caller's (a node's verticle) may be undeployed by the time it is read again
            Promise<Void> left = Promise.promise();
            players.removeNode(self)
                    .onFailure(e -> LOG.warn("cannot remove this node's players before leaving: {}", e.getMessage()))
                    .transform(ar -> nodes.forget(self))
                    .transform(ar -> routes.flush())
                    .<Void>mapEmpty()
                    .onComplete(left);
            leaving = left.future();
        }
        return leaving;
    }

    private void sweep() {
        Set<String> members;
        try {
            members = Set.copyOf(manager.getNodes());
        } catch (RuntimeException e) {
            return; // the member is shutting down
        }
        players.sweep(members);
        nodes.sweep(members);
        chooseSealingKey();
        boolean playersStale = players.mirror().takeStale();
        boolean nodesStale = nodes.mirror().takeStale();
        if (playersStale || nodesStale || routes.takeStale()) {
            reload("a partition was lost", true);
        }
        context.executeBlocking(() -> {
            routes.repairBlocking();
            return null;
        }, false).onFailure(e -> LOG.warn("cannot repair the route table: {}", e.getMessage()));
    }

    /**
     * Seals from now on with the newest key every other member can open; when that changes, this node's own
     * entries and the shared routes are sealed again with it. A Gamma member whose entry this node cannot read
     * (not announced yet, or deleted by a stranger) counts as knowing only the oldest key.
     */
    private synchronized void chooseSealingKey() {
        Keyring.Key before = chosenOnce ? keyring.sealing() : null;
        List<Set<Integer>> others = new ArrayList<>();
        Set<Integer> oldestOnly = Set.of(keyring.keys().get(keyring.keys().size() - 1).id());
        for (String member : nodes.memberIds()) {
            if (!member.equals(nodes.selfId())) {
                HazelcastNodeDirectory.MemberEntry entry = nodes.entry(member);
                others.add(entry == null ? oldestOnly : entry.keyIds());
            }
        }
        Keyring.Key chosen = SealingKeyChoice.choose(keyring.keys(), others);
        chosenOnce = true;
        if (chosen.equals(before)) {
            return;
        }
        keyring.sealWith(chosen);
        if (before == null && keyring.keys().size() == 1) {
            return;
        }
        int position = keyring.keys().indexOf(chosen) + 1;
        LOG.info("cluster: sealing with secret {} of {} (key {}): {}", position, keyring.keys().size(),
                chosen.hexId(), position == 1
                        ? "every member knows it; once every node has logged this, the old secret can be removed"
                        : "a member does not know the newer secret yet");
        nodes.reseal();
        players.reseal();
        context.executeBlocking(() -> {
            routes.resealBlocking();
            return null;
        }, false).onFailure(e -> LOG.warn("cannot seal the route table again: {}", e.getMessage()));
    }

    /** After a split-brain merge this member's data was replaced without entry events: read it again. */
    private void lifecycle(LifecycleEvent event) {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
            context.runOnContext(v -> reload("merged back into the cluster", false));
        }
    }

    /** Reads every map again, then puts back this node's entries that the cluster no longer has. */
    private void reload(String why, boolean partitionLost) {
        LOG.info("{}; reading players, nodes and routes again", why);
        context.executeBlocking(() -> {
            players.mirror().reloadBlocking();
            nodes.mirror().reloadBlocking();
            routes.reloadBlocking(partitionLost);
            for (HazelcastSharedTable table : tables.values()) {
                table.mirror().reloadBlocking();
            }
            return null;
        }, false).onSuccess(v -> {
            players.reassertMissing();
            nodes.reassertMissing();
        }).onFailure(e -> LOG.warn("cannot read the cluster maps again: {}", e.getMessage()));
    }
}
