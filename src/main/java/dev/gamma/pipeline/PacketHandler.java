package dev.gamma.pipeline;

/**
 * Sees every packet of a connection, both ways, before Gamma forwards it. A packet is forwarded unless the
 * handler calls {@link PacketContext#drop()} or {@link PacketContext#replace}. Callbacks run on the
 * connection's event loop: never block in them. A handler that throws is logged and removed from that
 * connection; the connection goes on.
 */
@FunctionalInterface
public interface PacketHandler {

    void onPacket(Packet packet, PacketContext context);

    /** The backend started encryption: no further packets of this connection can be read. Called once. */
    default void onEncrypted(PacketContext context) {}

    /** The connection ended. */
    default void onClose(PacketContext context) {}
}
