package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.UUID;

/** {@code cluster.enabled: false}: the same interfaces, kept in this process. */
public final class StandaloneCrosstalk implements Crosstalk {
    private final LocalPlayerRegistry players = new LocalPlayerRegistry();
    private final LocalRouteStore routes;
    private final LocalNodeDirectory nodes = new LocalNodeDirectory(UUID.randomUUID().toString());

    public StandaloneCrosstalk(Vertx vertx, Path dataDir) {
        this.routes = new LocalRouteStore(new RoutePersistence(vertx, dataDir));
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
