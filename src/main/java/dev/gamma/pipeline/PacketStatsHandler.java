package dev.gamma.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in {@code packet-stats}: counts packets and payload bytes per packet name (or state/direction/id
 * when the name is unknown). Logs a connection's counts when it ends and keeps node-wide totals.
 */
final class PacketStatsHandler implements PacketHandler {
    static final String NAME = "packet-stats";
    private static final Logger LOG = LoggerFactory.getLogger("gamma.packet-stats");

    private final Map<String, long[]> connection = new TreeMap<>();
    private final Totals totals;

    PacketStatsHandler(Totals totals) {
        this.totals = totals;
    }

    @Override
    public void onPacket(Packet packet, PacketContext context) {
        String key = key(packet);
        long[] tally = connection.computeIfAbsent(key, k -> new long[2]);
        tally[0]++;
        tally[1] += packet.payload().remaining();
        totals.add(key, packet.payload().remaining());
    }

    @Override
    public void onClose(PacketContext context) {
        StringBuilder line = new StringBuilder();
        connection.forEach((name, tally) -> line.append(' ').append(name).append('=').append(tally[0])
                .append('/').append(tally[1]).append('B'));
        LOG.info("{} ({}):{}", context.playerName().orElse("?"), context.route(), line);
    }

    private static String key(Packet packet) {
        if (packet.name() != null) {
            return packet.name();
        }
        return packet.state().name().toLowerCase() + "/" + (packet.direction() == Direction.SERVERBOUND ? "sb" : "cb")
                + "/0x" + Integer.toHexString(packet.id());
    }

    /** Node-wide counts, for logs now and metrics later. */
    static final class Totals {
        private final Map<String, LongAdder[]> byName = new ConcurrentHashMap<>();

        void add(String name, int bytes) {
            LongAdder[] tally = byName.computeIfAbsent(name, n -> new LongAdder[] {new LongAdder(), new LongAdder()});
            tally[0].increment();
            tally[1].add(bytes);
        }

        Map<String, PacketStatistics.Tally> snapshot() {
            Map<String, PacketStatistics.Tally> copy = new TreeMap<>();
            byName.forEach((name, tally) -> copy.put(name, new PacketStatistics.Tally(tally[0].sum(), tally[1].sum())));
            return copy;
        }
    }

    static final class Factory implements PacketHandlerFactory, PacketStatistics {
        private final Totals totals = new Totals();

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public PacketHandler create() {
            return new PacketStatsHandler(totals);
        }

        @Override
        public Map<String, PacketStatistics.Tally> totals() {
            return totals.snapshot();
        }
    }
}
