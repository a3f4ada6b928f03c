package dev.gamma.cluster;

import dev.gamma.config.ClusterSecrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code cluster.enabled: false}: the same interfaces, kept in this process. Commands go over the local event bus,
 * sealed like a cluster's with a secret made for this process alone.
 */
public final class StandaloneCrosstalk implements Crosstalk {
    private final LocalPlayerRegistry players = new LocalPlayerRegistry();
    private final LocalRouteStore routes;
    private final LocalNodeDirectory nodes = new LocalNodeDirectory(UUID.randomUUID().toString());
    private final ClusterRejections rejections = new ClusterRejections();
    private final CommandSeal commandSeal;
    private final Map<SharedTable.Name, SharedTable> tables = new EnumMap<>(SharedTable.Name.class);

    public StandaloneCrosstalk(Vertx vertx, Path dataDir) {
        this.routes = new LocalRouteStore(new RoutePersistence(vertx, dataDir));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Keyring keyring = new Keyring(new ClusterSecrets(List.of(Base64.getEncoder().encodeToString(secret))),
                "standalone");
        this.commandSeal = new CommandSeal(keyring, nodes.selfId(), System::currentTimeMillis, rejections);
        for (SharedTable.Name name : SharedTable.Name.values()) {
            tables.put(name, new LocalSharedTable(name, System::currentTimeMillis));
        }
    }

    @Override
    public SharedTable table(SharedTable.Name name) {
        return tables.get(name);
    }

    @Override
    public ActionClaims claims() {
        return ActionClaims.alone();
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
    public Future<Void> announce(NodeInfo self) {
        nodes.announce(self);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> leave() {
        return players.removeNode(nodes.selfId()).mapEmpty();
    }
}
