package dev.gamma.pipeline;

/** Which way a packet travels. */
public enum Direction {
    /** From the player's client towards the backend server. */
    SERVERBOUND,
    /** From the backend server towards the player's client. */
    CLIENTBOUND
}
