package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection's last answer (a server-list status, a refusal) and then its close: at once when the peer takes it,
 * and no later than {@link ClientConnection#LAST_WRITE_MILLIS} when it takes none (a peer that reads nothing must
 * not keep its socket and the answer once its session is over).
 */
class ClientConnectionEndTest {
    @Test
    void theConnectionClosesOnceItsLastBytesAreWritten() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        new ClientConnection(channel, null).end(new byte[] {1, 2, 3});

        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.runScheduledPendingTasks()).as("no timer left behind").isEqualTo(-1);
        channel.finishAndReleaseAll();
    }

    @Test
    void aPeerThatTakesNoneOfItsLastBytesIsClosedAfterTheGrace() {
        EmbeddedChannel channel = new EmbeddedChannel(new NeverWritten());
        channel.freezeTime();
        new ClientConnection(channel, null).end(new byte[256 * 1024]);

        channel.advanceTimeBy(ClientConnection.LAST_WRITE_MILLIS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("still taking its time").isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    /** A socket whose peer takes nothing: writes are never done. */
    private static final class NeverWritten extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
        }
    }
}
