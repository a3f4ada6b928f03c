package dev.gamma.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Text components as network NBT (1.20.2+: the root tag has no name), as chat and disconnects use from 1.20.3. */
public final class NbtText {
    static final int TAG_END = 0;
    static final int TAG_STRING = 8;
    static final int TAG_LIST = 9;
    static final int TAG_COMPOUND = 10;
    private static final int MAX_UTF_BYTES = 65_535;

    private NbtText() {}

    /** {@code {text: "..."}} as a root compound; text longer than an NBT string can hold is cut. */
    public static byte[] component(String plainText) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(plainText.length() + 16);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(TAG_COMPOUND);
            out.writeByte(TAG_STRING);
            out.writeUTF("text");
            out.writeUTF(fitting(plainText));
            out.writeByte(TAG_END);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain text of a text component in network NBT (string tag, or compound with text/extra/translate). */
    public static String plain(ByteBuffer nbt) {
        ByteBuffer in = nbt.duplicate();
        StringBuilder text = new StringBuilder();
        new NbtTextReader(in, text).readRoot();
        return text.toString();
    }

    /** Cuts a string so its modified UTF-8 form fits an NBT string, never inside a surrogate pair. */
    private static String fitting(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int size = (c >= 1 && c <= 0x7F) ? 1 : (c <= 0x7FF ? 2 : 3);
            if (bytes + size > MAX_UTF_BYTES) {
                int end = Character.isLowSurrogate(c) && i > 0 ? i - 1 : i;
                return text.substring(0, end);
            }
            bytes += size;
        }
        return text;
    }

    /** Reads a modified-UTF-8 NBT string (u16 length), within what the buffer holds. */
    static String readString(ByteBuffer in) {
        int length = stringLength(in);
        byte[] raw = new byte[length];
        in.get(raw);
        if (ascii(raw)) {
            return new String(raw, StandardCharsets.US_ASCII); // what modified UTF-8 makes of it, for less
        }
        try {
            return new java.io.DataInputStream(new java.io.ByteArrayInputStream(withLength(raw))).readUTF();
        } catch (IOException e) {
            // not valid modified UTF-8: fall back to plain UTF-8, which covers every text a server writes
            return new String(raw, StandardCharsets.UTF_8);
        }
    }

    /** Passes over an NBT string without decoding it. */
    static void skipString(ByteBuffer in) {
        int length = stringLength(in);
        in.position(in.position() + length);
    }

    /** Reads a string's u16 length and checks that many bytes follow. */
    static int stringLength(ByteBuffer in) {
        if (in.remaining() < 2) {
            throw new ProtocolException("NBT string length truncated");
        }
        int length = in.getShort() & 0xFFFF;
        if (in.remaining() < length) {
            throw new ProtocolException("NBT string of " + length + " bytes truncated");
        }
        return length;
    }

    private static boolean ascii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] withLength(byte[] raw) {
        byte[] framed = new byte[raw.length + 2];
        framed[0] = (byte) (raw.length >>> 8);
        framed[1] = (byte) raw.length;
        System.arraycopy(raw, 0, framed, 2, raw.length);
        return framed;
    }
}
