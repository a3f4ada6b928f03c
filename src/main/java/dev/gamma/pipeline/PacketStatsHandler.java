package dev.gamma.pipeline;

import dev.gamma.protocol.PacketIdCounts;
import dev.gamma.protocol.Printable;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in {@code packet-stats}: counts packets and payload bytes per packet name, or {@code state/direction/0xID}
 * for a packet of the connection's version without a name here, or {@code state/direction/unknown} for an id that
 * version does not define. The keys come from a fixed set however a client numbers its packets, so neither a
 * connection's tally, nor the node's totals, nor the metrics made of them can grow without bound. Logs a
 * connection's most frequent packets when it ends.
 */
final class PacketStatsHandler implements PacketHandler {
    static final String NAME = "packet-stats";
    /** Packet kinds named in a connection's log line; the rest are summed up. */
    static final int LOGGED_KINDS = 16;
    private static final Logger LOG = LoggerFactory.getLogger("gamma.packet-stats");

    private final Map<String, long[]> connection = new TreeMap<>();
    private final Totals totals;
    private int[] idCounts; // per state and direction, for the connection's version

    PacketStatsHandler(Totals totals) {
        this.totals = totals;
    }

    @Override
    public void onPacket(Packet packet, PacketContext context) {
        String key = key(packet, context.protocolVersion());
        long[] tally = connection.computeIfAbsent(key, k -> new long[2]);
        tally[0]++;
        tally[1] += packet.payload().remaining();
        totals.add(key, packet.payload().remaining());
    }

    @Override
    public void onClose(PacketContext context) {
        StringBuilder line = new StringBuilder();
        var ranked = connection.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])).toList();
        ranked.stream().limit(LOGGED_KINDS).forEach(e -> line.append(' ').append(e.getKey()).append('=')
                .append(e.getValue()[0]).append('/').append(e.getValue()[1]).append('B'));
        if (ranked.size() > LOGGED_KINDS) {
            long packets = ranked.stream().skip(LOGGED_KINDS).mapToLong(e -> e.getValue()[0]).sum();
            line.append(" and ").append(packets).append(" more of ").append(ranked.size() - LOGGED_KINDS)
                    .append(" other kinds");
        }
        LOG.info("{} ({}):{}", Printable.escape(context.playerName().orElse("?"), 64),
                Printable.escape(context.route(), 255), line);
    }

    private String key(Packet packet, int protocolVersion) {
        if (packet.name() != null) {
            return packet.name();
        }
        String prefix = packet.state().name().toLowerCase() + "/"
                + (packet.direction() == Direction.SERVERBOUND ? "sb" : "cb");
        int id = packet.id();
        return id >= 0 && id < idCount(packet, protocolVersion) ? prefix + "/0x" + Integer.toHexString(id)
                : prefix + "/unknown";
    }

    private int idCount(Packet packet, int protocolVersion) {
        if (idCounts == null) {
            idCounts = new int[ConnectionState.values().length * 2];
            for (ConnectionState state : ConnectionState.values()) {
                for (Direction direction : Direction.values()) {
                    idCounts[slot(state, direction)] = PacketIdCounts.count(protocolVersion, state.wire(),
                            direction.wire());
                }
            }
        }
        return idCounts[slot(packet.state(), packet.direction())];
    }

    private static int slot(ConnectionState state, Direction direction) {
        return state.ordinal() * 2 + direction.ordinal();
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
