package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** This node's Vert.x (clustered or not) and its view of the cluster. */
public record ClusterNode(Vertx vertx, Crosstalk crosstalk) {

    /** Leaves the cluster's shared data, then closes Vert.x (and with it the Hazelcast member). */
    public Future<Void> close() {
        return crosstalk.leave().eventually(vertx::close);
    }
}
