package dev.gamma.protocol;

/**
 * How many packet ids each protocol version defines in the login, configuration and play states, by direction
 * (ids run from 0 without gaps), taken from minecraft-data ({@code PacketTableDriftTest} checks every release).
 * Anything at or above the count is no packet of that version: what counts and names packets by id keeps such
 * ids in one bucket, so a client inventing ids cannot grow a table. A version newer than the newest known uses
 * the newest row.
 */
public final class PacketIdCounts {
    /** Rows where a count changed: version, then login cb/sb, configuration cb/sb, play cb/sb. */
    private static final int[][] ROWS = {
        {47, 4, 2, 0, 0, 74, 26}, // 1.8
        {107, 4, 2, 0, 0, 77, 30}, // 1.9
        {110, 4, 2, 0, 0, 76, 30}, // 1.9.4
        {335, 4, 2, 0, 0, 79, 33}, // 1.12
        {338, 4, 2, 0, 0, 80, 33}, // 1.12.1
        {393, 5, 3, 0, 0, 86, 43}, // 1.13
        {477, 5, 3, 0, 0, 92, 46}, // 1.14
        {498, 5, 3, 0, 0, 93, 46}, // 1.14.4
        {735, 5, 3, 0, 0, 92, 47}, // 1.16
        {751, 5, 3, 0, 0, 92, 48}, // 1.16.2
        {755, 5, 3, 0, 0, 103, 48}, // 1.17
        {757, 5, 3, 0, 0, 104, 48}, // 1.18
        {759, 5, 3, 0, 0, 105, 50}, // 1.19
        {760, 5, 3, 0, 0, 108, 51}, // 1.19.2
        {761, 5, 3, 0, 0, 107, 51}, // 1.19.3
        {762, 5, 3, 0, 0, 111, 51}, // 1.19.4
        {764, 5, 4, 9, 6, 113, 54}, // 1.20.2
        {765, 5, 4, 10, 6, 117, 55}, // 1.20.3
        {766, 6, 5, 15, 8, 122, 58}, // 1.20.5
        {767, 6, 5, 17, 10, 124, 58}, // 1.21
        {768, 6, 5, 17, 10, 131, 60}, // 1.21.2
        {769, 6, 5, 17, 10, 131, 62}, // 1.21.4
        {770, 6, 5, 17, 10, 131, 64}, // 1.21.5
        {771, 6, 5, 19, 9, 134, 66}, // 1.21.6
        {773, 6, 5, 20, 10, 139, 66}, // 1.21.9
        {775, 6, 5, 20, 10, 141, 69}, // 26.1
    };

    private PacketIdCounts() {}

    /** The number of ids {@code protocolVersion} defines in {@code state} towards {@code direction}; 0 for others. */
    public static int count(int protocolVersion, PacketState state, PacketDirection direction) {
        int column = switch (state) {
            case LOGIN -> 1;
            case CONFIGURATION -> 3;
            case PLAY -> 5;
            default -> 0;
        };
        if (column == 0) {
            return 0;
        }
        int[] match = ROWS[0];
        for (int[] row : ROWS) {
            if (row[0] <= protocolVersion) {
                match = row;
            }
        }
        return match[column + (direction == PacketDirection.CLIENTBOUND ? 0 : 1)];
    }

    /** True when {@code id} is a packet that version defines there. */
    public static boolean defined(int protocolVersion, PacketState state, PacketDirection direction, int id) {
        return id >= 0 && id < count(protocolVersion, state, direction);
    }
}
