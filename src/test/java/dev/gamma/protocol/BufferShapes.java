package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The same bytes in every kind of buffer the node hands a decoder: wrapped, at a position inside a larger array
 * (bytes of a previous frame before, of the next one after), sliced with an array offset, read-only, direct. A
 * decoder must give the same answer for all of them, and one that promises to leave the position alone must.
 */
enum BufferShapes {
    WRAPPED,
    POSITIONED,
    SLICED,
    READ_ONLY,
    DIRECT;

    /** What is around the bytes in a larger array: the start of a 1.6 ping and a long VarInt, to mislead. */
    private static final byte[] AROUND = {(byte) 0xFE, 0x01, (byte) 0xFA, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x0F, 0x00};

    ByteBuffer of(byte[] bytes) {
        return switch (this) {
            case WRAPPED -> ByteBuffer.wrap(bytes.clone());
            case POSITIONED -> padded(bytes).position(AROUND.length).limit(AROUND.length + bytes.length);
            case SLICED -> padded(bytes).position(AROUND.length).limit(AROUND.length + bytes.length).slice();
            case READ_ONLY -> ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer();
            case DIRECT -> ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        };
    }

    /**
     * Runs {@code decoder} on {@code bytes} in every shape and returns what it answered: its value, or
     * {@link #REFUSED} for a {@link ProtocolException}. Anything else thrown fails the caller.
     */
    static Object decodeAlike(byte[] bytes, boolean keepsPosition, Function<ByteBuffer, Object> decoder) {
        List<Object> answers = new ArrayList<>();
        for (BufferShapes shape : values()) {
            ByteBuffer buf = shape.of(bytes);
            int position = buf.position();
            int limit = buf.limit();
            answers.add(comparable(answer(() -> decoder.apply(buf))));
            assertThat(buf.limit()).as("limit after decoding a %s buffer", shape).isEqualTo(limit);
            if (keepsPosition) {
                assertThat(buf.position()).as("position after decoding a %s buffer", shape).isEqualTo(position);
            }
        }
        for (int i = 1; i < answers.size(); i++) {
            assertThat(answers.get(i)).as("answer for a %s buffer", values()[i]).isEqualTo(answers.get(0));
        }
        return answers.get(0);
    }

    /** What a decoder answers for bad input: a {@link ProtocolException}. */
    enum Refused { REFUSED }

    static final Refused REFUSED = Refused.REFUSED;

    static Object answer(java.util.function.Supplier<Object> decode) {
        try {
            return decode.get();
        } catch (ProtocolException e) {
            assertThat(e.getMessage()).as("ProtocolException message").isNotBlank();
            return REFUSED;
        }
    }

    static byte[] bytes(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.duplicate().get(out);
        return out;
    }

    private static Object comparable(Object answer) {
        if (answer instanceof ByteBuffer buf) {
            return HexFormat.of().formatHex(bytes(buf));
        }
        if (answer instanceof List<?> list) {
            return list.stream().map(BufferShapes::comparable).toList();
        }
        return answer;
    }

    private static ByteBuffer padded(byte[] bytes) {
        byte[] padded = new byte[AROUND.length * 2 + bytes.length];
        System.arraycopy(AROUND, 0, padded, 0, AROUND.length);
        System.arraycopy(bytes, 0, padded, AROUND.length, bytes.length);
        System.arraycopy(AROUND, 0, padded, AROUND.length + bytes.length, AROUND.length);
        return ByteBuffer.wrap(padded);
    }
}
