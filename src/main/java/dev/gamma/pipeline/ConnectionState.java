package dev.gamma.pipeline;

/** The protocol state a packet was read in; it decides what its id means. */
public enum ConnectionState {
    LOGIN, CONFIGURATION, PLAY
}
