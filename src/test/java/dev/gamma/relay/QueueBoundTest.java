package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What is queued for a socket past the bound ends the session: not at once, from inside the write (the pipeline
 * writing it goes on with its chunk, and must not find the connection closed under it), but on the loop's next
 * turn, once; and nothing more is queued on either side meanwhile.
 */
class QueueBoundTest {
    private final EmbeddedChannel clientChannel = new EmbeddedChannel();
    private final EmbeddedChannel backendChannel = new EmbeddedChannel();
    private final RelayLeg client = new RelayLeg(null, clientChannel, true);
    private final RelayLeg backend = new RelayLeg(null, backendChannel, false);
    private final List<String> endings = new ArrayList<>();
    private final QueueBound bound = new QueueBound(endings::add);

    @AfterEach
    void release() {
        clientChannel.finishAndReleaseAll();
        backendChannel.finishAndReleaseAll();
    }

    @Test
    void aSocketThatTakesBytesAdmitsAnyAmount() {
        assertThat(bound.admits(client, 64 << 20)).isTrue();
    }

    @Test
    void anUnwritableSocketAdmitsUpToTheBound() {
        queue(clientChannel, (int) QueueBound.MAX_QUEUED_BYTES - 64 * 1024);
        assertThat(clientChannel.isWritable()).isFalse();

        assertThat(bound.admits(client, 32 * 1024)).isTrue();
        assertThat(endings).isEmpty();
    }

    @Test
    void pastTheBoundTheSessionEndsOnTheNextTurnOnceAndNothingMoreIsQueued() {
        queue(clientChannel, (int) QueueBound.MAX_QUEUED_BYTES);

        assertThat(bound.exceeded()).isFalse();
        assertThat(bound.admits(client, 1)).isFalse();
        assertThat(bound.exceeded()).as("a kick or a chat line written now is reported as not sent").isTrue();
        assertThat(endings).as("not from inside the write").isEmpty();
        assertThat(bound.admits(backend, 1)).as("the other side too: the session is over").isFalse();
        assertThat(bound.admits(client, 1)).isFalse();

        clientChannel.runPendingTasks();
        assertThat(endings).containsExactly("client took too few of the bytes sent to it: over 4096 KiB queued");
    }

    /** Queues {@code bytes} for the channel without flushing them: as a socket whose peer takes none. */
    private static void queue(EmbeddedChannel channel, int bytes) {
        channel.write(Unpooled.wrappedBuffer(new byte[bytes]));
    }
}
