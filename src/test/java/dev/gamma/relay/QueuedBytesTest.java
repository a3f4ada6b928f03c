package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.vertx.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** What a framed session queues for a slow reader holds no more memory than the bytes it counts. */
class QueuedBytesTest {
    private static final int READ_BUFFER = 64 * 1024;

    @Test
    void aFewBytesLetThroughOfALargeReadAreCopiedAndTheReadBufferIsLetGo() {
        ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(READ_BUFFER).writeZero(READ_BUFFER);
        ByteBuf queued = QueuedBytes.compact(read.retainedSlice(1000, 12));

        assertThat(queued.readableBytes()).isEqualTo(12);
        assertThat(queued.capacity()).as("what the queue holds").isLessThan(1024);
        assertThat(read.refCnt()).as("the queued bytes no longer hold the read buffer").isEqualTo(1);
        read.setByte(1000, 7);
        assertThat(queued.getByte(queued.readerIndex())).isZero();
        queued.release();
        read.release();
    }

    /** Netty's leak detector wraps some buffers and their slices (one in 128 by default, here every one). */
    @Test
    void aSliceOfABufferTheLeakDetectorWatchesIsCopiedAlike() {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            aFewBytesLetThroughOfALargeReadAreCopiedAndTheReadBufferIsLetGo();
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    @Test
    void aSliceOfAtLeastAnEighthOfItsBufferIsWrittenAsItIs() {
        ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(READ_BUFFER).writeZero(READ_BUFFER);
        ByteBuf slice = read.retainedSlice(0, READ_BUFFER / 8);

        assertThat(QueuedBytes.compact(slice)).isSameAs(slice);
        assertThat(read.refCnt()).isEqualTo(2);
        slice.release();
        read.release();
    }

    @Test
    void aPacketMadeForTheWriteIsWrittenAsItIs() {
        ByteBuf packet = VertxInternals.retainedByteBuf(Buffer.buffer(new byte[] {3, 1, 2, 3}));
        assertThat(QueuedBytes.compact(packet)).isSameAs(packet);
    }
}
