package dev.gamma.it;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A backend that records what Gamma sends first: an optional PROXY header (decoded by Netty's HAProxy
 * decoder, an independent reading of the spec) and the forwarded handshake.
 */
final class CaptureBackend implements AutoCloseable {
    record Captured(HAProxyMessage proxy, Handshake handshake) {}

    private final ServerSocket server;
    private final boolean expectProxyHeader;
    private final CompletableFuture<Captured> captured = new CompletableFuture<>();

    CaptureBackend(boolean expectProxyHeader) {
        this.expectProxyHeader = expectProxyHeader;
        try {
            this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::acceptOne, "capture-backend");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Captured await() throws Exception {
        return captured.get(10, TimeUnit.SECONDS);
    }

    private void acceptOne() {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] chunk = new byte[512];
            while (!captured.isDone()) {
                int n = in.read(chunk);
                if (n < 0) {
                    captured.completeExceptionally(new IOException("closed after " + seen.size() + " bytes"));
                    return;
                }
                seen.write(chunk, 0, n);
                tryParse(seen.toByteArray());
            }
        } catch (Exception e) {
            captured.completeExceptionally(e);
        }
    }

    private void tryParse(byte[] bytes) {
        ByteBuf input = Unpooled.wrappedBuffer(bytes);
        HAProxyMessage proxy = null;
        if (expectProxyHeader) {
            EmbeddedChannel decoder = new EmbeddedChannel(new HAProxyMessageDecoder());
            decoder.writeInbound(input.retainedDuplicate());
            proxy = decoder.readInbound();
            if (proxy == null) {
                return;
            }
            ByteBuf rest = decoder.readInbound();
            input = rest == null ? Unpooled.EMPTY_BUFFER : rest;
        }
        byte[] remaining = new byte[input.readableBytes()];
        input.readBytes(remaining);
        ByteBuffer frame = Frames.next(ByteBuffer.wrap(remaining), Frames.MAX_FRAME_LENGTH);
        if (frame != null) {
            captured.complete(new Captured(proxy, Handshake.decode(frame)));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
