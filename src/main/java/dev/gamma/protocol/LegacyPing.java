package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Server-list pings from clients before 1.7, told apart from modern frames by their first bytes. A modern
 * frame of exactly 254 bytes also starts {@code FE 01}; its third byte, the packet id 00, gives it away.
 */
public final class LegacyPing {
    public enum Form { PRE_1_4, V1_4, V1_6 }

    /** What the client sent; only the 1.6 form carries a protocol, host and port (else -1, null, -1). */
    public record Request(Form form, int protocol, String host, int port) {}

    public sealed interface Detection permits Modern, Incomplete, Ambiguous, Legacy {}

    /** Not a legacy ping: read the bytes as modern frames. */
    public record Modern() implements Detection {}

    /** Cannot tell or parse yet: wait for more bytes. */
    public record Incomplete() implements Detection {}

    /** Exactly {@code FE} or {@code FE 01}: legacy if the client sends nothing more, else detect again. */
    public record Ambiguous(Request ifNoMoreData) implements Detection {}

    /** A complete legacy ping: answer with {@link #reply} and close. */
    public record Legacy(Request request) implements Detection {}

    public static final int MAX_BYTES = 512;

    static final int PING = 0xFE;
    static final int KICK = 0xFF;
    /** The oldest clients read the reply with a 100-character cap, 1.4 to 1.6 with 256. */
    static final int MAX_REPLY_CHARS_PRE_1_4 = 100;
    static final int MAX_REPLY_CHARS = 256;

    private static final Request PRE_1_4_REQUEST = new Request(Form.PRE_1_4, -1, null, -1);
    private static final Request V1_4_REQUEST = new Request(Form.V1_4, -1, null, -1);

    private LegacyPing() {
    }

    /** Looks at the bytes from {@code buf}'s position on without moving it. */
    public static Detection detect(ByteBuffer buf) {
        int start = buf.position();
        int available = buf.remaining();
        if (available == 0) {
            return new Incomplete();
        }
        if ((buf.get(start) & 0xFF) != PING) {
            return new Modern();
        }
        if (available == 1) {
            return new Ambiguous(PRE_1_4_REQUEST);
        }
        if (buf.get(start + 1) != 0x01) {
            return new Modern(); // FE xx: the length VarInt of a modern frame longer than 254 bytes
        }
        if (available == 2) {
            return new Ambiguous(V1_4_REQUEST);
        }
        int third = buf.get(start + 2) & 0xFF;
        if (third == 0x00) {
            return new Modern();
        }
        if (third != LegacyPingHost.MARKER) {
            return new Legacy(V1_4_REQUEST);
        }
        Request request = LegacyPingHost.parse(buf.slice(start, available));
        return request == null ? new Incomplete() : new Legacy(request);
    }

    /** The kick packet ({@code FF}) that old clients read as a server-list entry. */
    public static byte[] reply(Form form, LegacyStatus status) {
        String text = form == Form.PRE_1_4 ? pre14Text(status) : text(status);
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
        return new WireWriter().writeByte(KICK).writeShort(text.length()).writeBytes(utf16).toByteArray();
    }

    private static String text(LegacyStatus status) {
        String head = "§1\0" + status.protocol() + "\0";
        String tail = "\0" + status.online() + "\0" + status.max();
        int room = MAX_REPLY_CHARS - head.length() - tail.length() - 1;
        String version = fit(status.version().replace("\0", ""), room);
        String motd = fit(status.motd().replace("\0", ""), room - version.length());
        return head + version + "\0" + motd + tail;
    }

    /** Before 1.4 the fields are separated by §, so the MOTD cannot hold colour codes. */
    private static String pre14Text(LegacyStatus status) {
        String tail = "§" + status.online() + "§" + status.max();
        String motd = fit(status.motd().replace("§", ""), MAX_REPLY_CHARS_PRE_1_4 - tail.length());
        return motd + tail;
    }

    /** At most {@code max} chars, not ending in half a surrogate pair. */
    static String fit(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
