package dev.gamma.protocol;

import java.nio.ByteBuffer;

/** The four packets of the STATUS state. Readers take a frame body and do not move its position. */
public final class StatusPackets {
    /** Large enough for a 64×64 favicon and a long player sample. */
    public static final int MAX_RESPONSE_BYTES = 262_144;

    static final int REQUEST_ID = 0x00;
    static final int RESPONSE_ID = 0x00;
    static final int PING_ID = 0x01;

    private StatusPackets() {
    }

    public static byte[] requestFrame() {
        return new WireWriter().writeVarInt(REQUEST_ID).toFrame();
    }

    public static byte[] responseFrame(String json) {
        return new WireWriter().writeVarInt(RESPONSE_ID).writeString(json).toFrame();
    }

    public static byte[] pingFrame(long payload) {
        return new WireWriter().writeVarInt(PING_ID).writeLong(payload).toFrame();
    }

    /** Same layout as the ping: the server echoes the client's payload. */
    public static byte[] pongFrame(long payload) {
        return pingFrame(payload);
    }

    /** The JSON of a Status Response. */
    public static String readResponse(ByteBuffer body) {
        WireReader in = reader(body, RESPONSE_ID, "status response");
        String json = in.readString(MAX_RESPONSE_BYTES);
        requireEnd(in, "status response");
        return json;
    }

    /** The payload of a Ping, or of a Pong, which has the same layout. */
    public static long readPing(ByteBuffer body) {
        WireReader in = reader(body, PING_ID, "ping");
        long payload = in.readLong();
        requireEnd(in, "ping");
        return payload;
    }

    /** Whether {@code body} is exactly a Status Request: packet id 0x00 and nothing else. */
    public static boolean isRequest(ByteBuffer body) {
        return body.remaining() == 1 && body.get(body.position()) == REQUEST_ID;
    }

    private static WireReader reader(ByteBuffer body, int expectedId, String what) {
        WireReader in = new WireReader(body.duplicate());
        int id = in.readVarInt();
        if (id != expectedId) {
            throw new ProtocolException(
                    what + " packet id 0x" + Integer.toHexString(id) + ", expected 0x0" + expectedId);
        }
        return in;
    }

    private static void requireEnd(WireReader in, String what) {
        if (in.remaining() != 0) {
            throw new ProtocolException(in.remaining() + " trailing bytes after the " + what);
        }
    }
}
