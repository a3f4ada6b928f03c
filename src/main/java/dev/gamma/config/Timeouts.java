package dev.gamma.config;

import java.time.Duration;

/**
 * @param handshake how long a new connection may take to send its handshake
 * @param firstByte how long a new connection may stay silent before its first byte (or PROXY header)
 * @param connect   how long a backend connect attempt may take
 * @param login     how long a relayed login may take, from the backend's accept to the end of the login
 * @param stalled   how long a relayed session may make no progress before it is closed: one side finished
 *                  sending and the other stays silent, or one side takes none of the bytes waiting for it
 */
public record Timeouts(Duration handshake, Duration connect, Duration login, Duration stalled, Duration firstByte) {}
