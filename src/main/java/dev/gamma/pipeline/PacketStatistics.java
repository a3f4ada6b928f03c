package dev.gamma.pipeline;

import java.util.Map;

/** Node-wide packet counts of the built-in {@code packet-stats} handler, by packet name. */
public interface PacketStatistics {

    /** Packets and payload bytes seen for one packet name. */
    record Tally(long packets, long bytes) {}

    Map<String, Tally> totals();
}
