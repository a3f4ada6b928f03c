package dev.gamma.protocol;

/** The protocol states; packet ids mean different things in each. */
public enum PacketState {
    HANDSHAKE, STATUS, LOGIN, CONFIGURATION, PLAY
}
