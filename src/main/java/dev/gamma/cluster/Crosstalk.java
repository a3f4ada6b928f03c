package dev.gamma.cluster;

import io.vertx.core.Future;

/** This node's view of the cluster (or, standalone, of itself): shared players, routes and members. */
public interface Crosstalk {

    PlayerRegistry players();

    RouteStore routes();

    NodeDirectory nodes();

    /** One of the small tables every node shares (server-list answers, backend health, nodes' reports). */
    SharedTable table(SharedTable.Name name);

    /** Which node runs a route's action right now, fleet-wide. */
    ActionClaims claims();

    /** What this node refused from the cluster, by kind. */
    ClusterRejections rejections();

    /** Seals and opens the commands this node sends and answers over the event bus. */
    CommandSeal commandSeal();

    /** Publishes this node's addresses to the other members. */
    Future<Void> announce(NodeInfo self);

    /** Leaves cleanly: this node's players and member entry are removed; Vert.x, and the member, stay up. */
    Future<Void> leave();
}
