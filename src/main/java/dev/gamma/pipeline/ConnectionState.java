package dev.gamma.pipeline;

import dev.gamma.protocol.PacketState;

/** The protocol state a packet was read in; it decides what its id means. */
public enum ConnectionState {
    LOGIN, CONFIGURATION, PLAY;

    PacketState wire() {
        return switch (this) {
            case LOGIN -> PacketState.LOGIN;
            case CONFIGURATION -> PacketState.CONFIGURATION;
            case PLAY -> PacketState.PLAY;
        };
    }
}
