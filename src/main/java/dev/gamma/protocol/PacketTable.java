package dev.gamma.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The ids of the {@link PacketKind}s in every protocol version from 1.8 to the newest known, taken from
 * minecraft-data ({@code PacketTableDriftTest} checks each against its protocol.json files). A version
 * Gamma does not know uses the table of the newest known version before it.
 */
public final class PacketTable {
    private static final int ABSENT = -1;
    private static final PacketKind[] KINDS = PacketKind.values();

    /** One row per version where an id changed; columns in {@link PacketKind} order, -1 = no such packet. */
    private static final PacketTable[] ROWS = {
        row(47, 0, 1, 2, 3, -1, -1, 0, 1, -1, -1, -1, -1, -1, 64, -1, -1, -1, 2, -1, 1, -1), // 1.8
        row(107, 0, 1, 2, 3, -1, -1, 0, 1, -1, -1, -1, -1, -1, 26, -1, -1, -1, 15, -1, 2, -1), // 1.9
        row(335, 0, 1, 2, 3, -1, -1, 0, 1, -1, -1, -1, -1, -1, 26, -1, -1, -1, 15, -1, 3, -1), // 1.12
        row(338, 0, 1, 2, 3, -1, -1, 0, 1, -1, -1, -1, -1, -1, 26, -1, -1, -1, 15, -1, 2, -1), // 1.12.1
        row(393, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 27, -1, -1, -1, 14, -1, 2, -1), // 1.13
        row(477, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 26, -1, -1, -1, 14, -1, 3, -1), // 1.14
        row(573, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 27, -1, -1, -1, 15, -1, 3, -1), // 1.15
        row(735, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 26, -1, -1, -1, 14, -1, 3, -1), // 1.16
        row(751, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 25, -1, -1, -1, 14, -1, 3, -1), // 1.16.2
        row(755, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 26, -1, -1, -1, 15, -1, 3, -1), // 1.17
        row(759, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 23, -1, -1, 95, -1, 48, 4, 3), // 1.19
        row(760, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 25, -1, -1, 98, -1, 51, 5, 4), // 1.19.2
        row(761, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 23, -1, -1, 96, -1, 49, 5, 4), // 1.19.3
        row(762, 0, 1, 2, 3, 4, -1, 0, 1, 2, -1, -1, -1, -1, 26, -1, -1, 100, -1, 53, 5, 4), // 1.19.4
        row(764, 0, 1, 2, 3, 4, -1, 0, 1, 2, 3, 1, 2, 2, 27, 101, 11, 103, -1, 55, 5, 4), // 1.20.2
        row(765, 0, 1, 2, 3, 4, -1, 0, 1, 2, 3, 1, 2, 2, 27, 103, 11, 105, -1, 55, 5, 4), // 1.20.3/1.20.4
        row(766, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 2, 3, 3, 29, 105, 12, 108, -1, 57, 6, 4), // 1.20.5/1.20.6
        row(768, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 2, 3, 3, 29, 112, 14, 115, -1, 59, 7, 5), // 1.21.3
        row(770, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 2, 3, 3, 28, 111, 14, 114, -1, 58, 7, 5), // 1.21.5
        row(771, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 2, 3, 3, 28, 111, 15, 114, -1, 58, 8, 6), // 1.21.6
        row(773, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 2, 3, 3, 32, 116, 15, 119, -1, 63, 8, 6), // 1.21.10/1.21.9
        row(775, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 2, 3, 3, 32, 118, 16, 121, -1, 65, 9, 7), // 26.1
    };

    /** Every release protocol version the rows were checked against. */
    private static final List<Integer> KNOWN = List.of(
            47, 107, 109, 110, 210, 315, 316, 335, 338, 340, 393, 401, 404, 477, 480, 490, 498, 573, 575,
            578, 735, 736, 751, 753, 754, 755, 756, 757, 758, 759, 760, 761, 762, 763, 764, 765, 766, 767,
            768, 769, 770, 771, 772, 773, 774, 775);

    private final int protocolVersion;
    private final int[] ids;

    private PacketTable(int protocolVersion, int[] ids) {
        this.protocolVersion = protocolVersion;
        this.ids = ids;
    }

    private static PacketTable row(int protocolVersion, int... ids) {
        if (ids.length != KINDS.length) {
            throw new IllegalStateException("row " + protocolVersion + " has " + ids.length + " ids");
        }
        return new PacketTable(protocolVersion, ids);
    }

    public static PacketTable forVersion(int protocolVersion) {
        PacketTable match = ROWS[0];
        for (PacketTable row : ROWS) {
            if (row.protocolVersion <= protocolVersion) {
                match = row;
            }
        }
        return match;
    }

    public static int oldest() {
        return ROWS[0].protocolVersion;
    }

    public static int newest() {
        return KNOWN.get(KNOWN.size() - 1);
    }

    public static List<Integer> knownVersions() {
        return KNOWN;
    }

    /** The version whose ids this table holds (the row's first version). */
    public int protocolVersion() {
        return protocolVersion;
    }

    public OptionalInt id(PacketKind kind) {
        int id = ids[kind.ordinal()];
        return id == ABSENT ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The kind of a packet, or null when it is not one Gamma needs to know. */
    public PacketKind kind(PacketState state, PacketDirection direction, int id) {
        if (id < 0) {
            return null; // -1 marks an absent packet; a client sending id -1 must not match one
        }
        for (PacketKind kind : KINDS) {
            if (ids[kind.ordinal()] == id && kind.state() == state && kind.direction() == direction) {
                return kind;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "PacketTable[" + protocolVersion + " " + Arrays.toString(ids) + "]";
    }
}
