package dev.gamma.pipeline;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a pipeline writes each way (copied: the bytes are valid only during the call) and why it closes. */
final class RecordingSink implements PacketSink {
    final Buffer toClient = Buffer.buffer();
    final Buffer toBackend = Buffer.buffer();
    final List<String> closes = new ArrayList<>();

    @Override
    public void toClient(Buffer bytes) {
        toClient.appendBuffer(bytes);
    }

    @Override
    public void toBackend(Buffer bytes) {
        toBackend.appendBuffer(bytes);
    }

    @Override
    public void close(String reason) {
        closes.add(reason);
    }
}
