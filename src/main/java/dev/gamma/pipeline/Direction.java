package dev.gamma.pipeline;

import dev.gamma.protocol.PacketDirection;

/** Which way a packet travels. */
public enum Direction {
    /** From the player's client towards the backend server. */
    SERVERBOUND,
    /** From the backend server towards the player's client. */
    CLIENTBOUND;

    PacketDirection wire() {
        return this == SERVERBOUND ? PacketDirection.SERVERBOUND : PacketDirection.CLIENTBOUND;
    }
}
