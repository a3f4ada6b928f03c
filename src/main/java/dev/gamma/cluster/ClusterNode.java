package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This node's Vert.x (clustered or not) and its view of the cluster. It serves one node: its sweeps and route
 * listeners belong to the first deployment that {@link #claim()}s it.
 */
public final class ClusterNode {
    private final Vertx vertx;
    private final Crosstalk crosstalk;
    private final AtomicBoolean claimed = new AtomicBoolean();

    ClusterNode(Vertx vertx, Crosstalk crosstalk) {
        this.vertx = vertx;
        this.crosstalk = crosstalk;
    }

    public Vertx vertx() {
        return vertx;
    }

    public Crosstalk crosstalk() {
        return crosstalk;
    }

    /** True for the first caller only: the node that may use this view of the cluster. */
    public boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Leaves the cluster's shared data, then closes Vert.x (and with it the Hazelcast member). */
    public Future<Void> close() {
        return crosstalk.leave().eventually(vertx::close);
    }
}
