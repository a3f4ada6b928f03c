package dev.gamma.protocol;

/** Login-state Disconnect (clientbound 0x00): the reason as chat JSON, the same in every version. */
public final class LoginDisconnect {
    static final int PACKET_ID = 0x00;

    private LoginDisconnect() {
    }

    /** The whole frame, ready to write before closing the connection. */
    public static byte[] frame(String plainReason) {
        return new WireWriter().writeVarInt(PACKET_ID).writeString(ChatText.json(plainReason)).toFrame();
    }
}
