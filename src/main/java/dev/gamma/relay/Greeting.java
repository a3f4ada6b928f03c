package dev.gamma.relay;

import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LegacyPing;
import dev.gamma.protocol.LoginStart;

/** What the first bytes of a connection turned out to be, once {@link GreetingReader} could tell. */
sealed interface Greeting {
    /** Not enough bytes yet. */
    record Incomplete() implements Greeting {}

    /** Reads as a complete legacy ping unless more bytes arrive shortly. */
    record MaybeLegacy(LegacyPing.Request request) implements Greeting {}

    record Legacy(LegacyPing.Request request) implements Greeting {}

    /** A status handshake; the status request and ping frames follow in the reader's remaining bytes. */
    record Status(Handshake handshake) implements Greeting {}

    /**
     * A login (or transfer) handshake followed by its Login Start frame.
     *
     * @param loginStart      null when this version's layout could not be parsed: forwarding goes on
     * @param handshakeLength bytes of the handshake frame at the start of the buffered input
     */
    record Login(Handshake handshake, LoginStart loginStart, int handshakeLength) implements Greeting {}
}
