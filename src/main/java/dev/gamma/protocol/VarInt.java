package dev.gamma.protocol;

/** The protocol's variable-length int: 7 bits per byte, low groups first, high bit set while more follow. */
public final class VarInt {
    public static final int MAX_BYTES = 5;

    private VarInt() {
    }

    /** How many bytes {@code value} takes on the wire (1 to 5; negative values always take 5). */
    public static int size(int value) {
        int bytes = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            bytes++;
        }
        return bytes;
    }
}
