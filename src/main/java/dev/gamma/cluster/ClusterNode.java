package dev.gamma.cluster;

import io.vertx.core.Vertx;

/** This node's Vert.x (clustered or not) and its view of the cluster; {@link Crosstalk#leave()} closes both. */
public record ClusterNode(Vertx vertx, Crosstalk crosstalk) {}
