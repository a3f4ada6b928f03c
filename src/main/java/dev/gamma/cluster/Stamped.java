package dev.gamma.cluster;

/** A value as it is sealed in the cluster, with the time its owner wrote it (see {@link Freshness}). */
record Stamped<V>(V value, long writtenAt) {}
