package dev.gamma.pipeline;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/** What a handler knows about the connection, and what it can do with the packet at hand. */
public interface PacketContext {

    Direction direction();

    ConnectionState state();

    int protocolVersion();

    Optional<String> playerName();

    Optional<UUID> playerUuid();

    /** The player's address as Gamma sees it (the PROXY protocol source when there is one). */
    String clientAddress();

    /** The name of the route the connection came through. */
    String route();

    /** True once the backend started encryption; from then on nothing can be read or injected. */
    boolean encrypted();

    /** Forward the packet as it is (the default). */
    void forward();

    /** Do not forward this packet. Later handlers do not see it. */
    void drop();

    /** Forward this packet with another payload (same id). Later handlers see the new payload. */
    void replace(ByteBuffer payload);

    /** Send a new packet towards {@code towards}, right after the packet at hand, in the current state. */
    void inject(Direction towards, int packetId, ByteBuffer payload);

    /**
     * Show the player a system chat line, right after the packet at hand, in the layout of their version.
     * False (and nothing sent) when the connection is not in play or is encrypted.
     */
    boolean tell(String text);

    /** Send the player a Disconnect with this reason (where the state allows it) and close the connection. */
    void close(String reason);
}
