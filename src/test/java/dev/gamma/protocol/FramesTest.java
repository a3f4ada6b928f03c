package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramesTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "80", "80 80", "03", "03 00 01", "ff 01 00"})
    void nextReturnsNullAndKeepsPositionWhenFrameIsIncomplete(String hex) {
        ByteBuffer buf = Hex.buf(hex);
        assertThat(Frames.next(buf, 1024)).isNull();
        assertThat(buf.position()).isZero();
    }

    @Test
    void nextReturnsReadOnlyBodyAndAdvancesPastTheFrame() {
        ByteBuffer buf = Hex.buf("03 00 01 02 ff");
        ByteBuffer body = Frames.next(buf, 1024);
        assertThat(body.isReadOnly()).isTrue();
        assertThat(body.remaining()).isEqualTo(3);
        assertThat(body.get(0)).isEqualTo((byte) 0);
        assertThat(body.get(2)).isEqualTo((byte) 2);
        assertThat(buf.position()).isEqualTo(4);
    }

    @Test
    void nextReadsFromTheCurrentPosition() {
        ByteBuffer buf = Hex.buf("aa bb 01 07 01 08");
        buf.position(2);
        assertThat(Frames.next(buf, 16).get()).isEqualTo((byte) 7);
        assertThat(Frames.next(buf, 16).get()).isEqualTo((byte) 8);
        assertThat(Frames.next(buf, 16)).isNull();
        assertThat(buf.position()).isEqualTo(6);
    }

    @Test
    void nextRejectsFourByteLengthWithoutWaitingForTheFourthByte() {
        assertThatThrownBy(() -> Frames.next(Hex.buf("80 80 80"), Frames.MAX_FRAME_LENGTH))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("frame length VarInt longer than 3 bytes");
    }

    @Test
    void nextRejectsZeroLength() {
        assertThatThrownBy(() -> Frames.next(Hex.buf("00 00"), 1024))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("length 0");
    }

    @Test
    void nextRejectsLengthOverCapWithoutWaitingForTheBody() {
        assertThatThrownBy(() -> Frames.next(Hex.buf("ac 02"), 256))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("frame of 300 bytes exceeds cap 256");
    }

    @Test
    void nextAcceptsLengthEqualToCap() {
        byte[] frame = Frames.frame(new byte[256]);
        assertThat(Frames.next(ByteBuffer.wrap(frame), 256).remaining()).isEqualTo(256);
    }

    @Test
    void nextAcceptsTheLargestThreeByteLength() {
        byte[] frame = Frames.frame(new byte[Frames.MAX_FRAME_LENGTH]);
        assertThat(Hex.of(java.util.Arrays.copyOf(frame, 3))).isEqualTo("ff ff 7f");
        ByteBuffer buf = ByteBuffer.wrap(frame);
        assertThat(Frames.next(buf, Frames.MAX_FRAME_LENGTH).remaining()).isEqualTo(Frames.MAX_FRAME_LENGTH);
        assertThat(buf.hasRemaining()).isFalse();
    }

    @Test
    void frameRejectsEmptyAndOversizedBodies() {
        assertThatThrownBy(() -> Frames.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frames.frame(new byte[Frames.MAX_FRAME_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void framesRoundTrip(@ForAll @Size(max = 20) List<@NotEmpty @Size(max = 400) byte[]> bodies) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        bodies.forEach(body -> stream.writeBytes(Frames.frame(body)));
        ByteBuffer buf = ByteBuffer.wrap(stream.toByteArray());
        for (byte[] body : bodies) {
            ByteBuffer read = Frames.next(buf, 400);
            byte[] copy = new byte[read.remaining()];
            read.get(copy);
            assertThat(copy).isEqualTo(body);
        }
        assertThat(Frames.next(buf, 400)).isNull();
        assertThat(buf.hasRemaining()).isFalse();
    }

    @Property
    void nextNeverConsumesAFrameCutShort(@ForAll @NotEmpty @Size(max = 400) byte[] body, @ForAll @IntRange(max = 402) int cut) {
        byte[] frame = Frames.frame(body);
        ByteBuffer partial = ByteBuffer.wrap(frame, 0, Math.min(cut, frame.length - 1));
        assertThat(Frames.next(partial, 400)).isNull();
        assertThat(partial.position()).isZero();
    }
}
