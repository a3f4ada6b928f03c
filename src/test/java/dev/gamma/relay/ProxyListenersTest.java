package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyListenersTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void anAcceptedChannelIsHandedOverOnItsOwnLoopWithThatLoopsContext() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        ProxyListeners listeners = bind((channel, context) -> seen.add(channel.eventLoop().inEventLoop()
                + " " + (context != null && context.isEventLoopContext()) + " " + channel.pipeline().toMap().keySet()));
        try (Socket client = connect(listeners)) {
            // on its loop, with an event-loop context, and the acceptor already gone from its pipeline
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("true true []");
        } finally {
            listeners.close().await();
        }
    }

    @Test
    void aFailureHandingOneConnectionOverClosesThatConnectionAndTheNextIsServed() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        BlockingQueue<Channel> served = new LinkedBlockingQueue<>();
        ProxyListeners listeners = bind((channel, context) -> {
            if (accepted.incrementAndGet() == 1) {
                throw new IllegalStateException("a bug in the session's set-up");
            }
            served.add(channel);
        });
        try (Socket first = connect(listeners)) {
            InputStream in = first.getInputStream();
            first.setSoTimeout(10_000);
            assertThat(in.read()).as("the connection whose hand-over failed is closed, not left open").isEqualTo(-1);
            try (Socket second = connect(listeners)) {
                Channel channel = served.poll(10, TimeUnit.SECONDS);
                assertThat(channel).isNotNull();
                assertThat(channel.isActive()).isTrue();
            }
        } finally {
            listeners.close().await();
        }
    }

    private ProxyListeners bind(BiConsumer<Channel, Context> accepted) {
        return ProxyListeners.bind(vertx, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), accepted)
                .await();
    }

    private static Socket connect(ProxyListeners listeners) throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), listeners.port());
    }
}
