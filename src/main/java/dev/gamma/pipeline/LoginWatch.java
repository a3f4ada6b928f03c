package dev.gamma.pipeline;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketState;
import dev.gamma.protocol.Printable;
import dev.gamma.protocol.WireReader;
import dev.gamma.vertx.VertxInternals;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a raw route's login from the side, in bytes already forwarded: whether the backend turned encryption on,
 * when the login is over, and where frames start (so that a kick can still carry its reason). Whatever it cannot
 * read ends the watching, never the session: after a frame it does not understand, or a client that does not
 * acknowledge Login Success as a vanilla client does, the rest passes through unread.
 */
final class LoginWatch {
    private static final Logger LOG = LoggerFactory.getLogger(LoginWatch.class);

    private final PacketPipeline pipeline;
    /** Login Success went to a client that must acknowledge it (1.20.2 and newer) before anything else. */
    private boolean awaitingAcknowledgement;
    private final ClientAnswers answers = new ClientAnswers();

    LoginWatch(PacketPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Reads a chunk already forwarded: finishes the frame begun in earlier chunks, then reads on. A frame the node's
     * clients may not hold ends the watching, like one it cannot read.
     */
    void read(Side side, Buffer chunk) {
        try {
            Buffer rest = chunk;
            if (side.hasPending()) {
                int taken = side.finishPending(chunk, frame -> watch(side, frame));
                if (taken < 0 || pipeline.passingThrough()) {
                    return;
                }
                rest = chunk.slice(taken, chunk.length());
            }
            watch(side, rest);
        } catch (UnfinishedFrames.Refused full) {
            stop("the " + side.direction.name().toLowerCase() + " frame is not kept: " + full.getMessage());
        }
    }

    /** Reads {@code input}, which starts at a frame; keeps what it ends with of an unfinished one. */
    private void watch(Side side, Buffer input) {
        if (awaitingAcknowledgement && side.direction == Direction.SERVERBOUND && input.length() > 0
                && input.getByte(0) != (side.compressed() ? 2 : 1)) {
            // Login Acknowledged is the smallest frame there is: anything else need not be read to the end
            stop("the client did not acknowledge Login Success");
            return;
        }
        ByteBuffer nio = VertxInternals.byteBuf(input).nioBuffer();
        int base = nio.position();
        try {
            while (!pipeline.passingThrough()) {
                ByteBuffer frameBody = Frames.next(nio, Frames.MAX_FRAME_LENGTH);
                if (frameBody == null) {
                    side.keep(input, nio.position() - base);
                    return;
                }
                frame(side, side.uncompressed(frameBody));
            }
        } catch (UnfinishedFrames.Refused full) {
            throw full;
        } catch (RuntimeException unreadable) { // whatever the stream holds, watching ends, the session does not
            stop("the " + side.direction.name().toLowerCase() + " stream is not Minecraft framing here ("
                    + unreadable.getMessage() + ")");
        }
    }

    private void frame(Side side, ByteBuffer body) {
        WireReader reader = new WireReader(body.duplicate());
        int id = reader.readVarInt();
        PacketKind kind = pipeline.table().kind(pipeline.packetState(), side.direction.wire(), id);
        if (awaitingAcknowledgement && side.direction == Direction.SERVERBOUND && kind != PacketKind.LOGIN_ACKNOWLEDGED) {
            stop("the client did not acknowledge Login Success (packet 0x" + Integer.toHexString(id) + ")");
            return;
        }
        if (kind == null || !answers.counts(kind)) {
            return;
        }
        ByteBuffer payload = body.duplicate().position(body.position() + body.remaining() - reader.remaining()).slice();
        switch (kind) {
            case SET_COMPRESSION -> pipeline.watched(kind, payload);
            case LOGIN_SUCCESS -> {
                if (pipeline.table().id(PacketKind.LOGIN_ACKNOWLEDGED).isEmpty()) {
                    pipeline.watched(kind, payload);
                    pipeline.stopWatching();
                } else {
                    awaitingAcknowledgement = true;
                }
            }
            case LOGIN_ACKNOWLEDGED, ENCRYPTION_RESPONSE -> {
                pipeline.watched(kind, payload);
                pipeline.stopWatching();
            }
            default -> { }
        }
    }

    private void stop(String why) {
        if (pipeline.packetState() == PacketState.LOGIN) {
            LOG.debug("route {}: login no longer watched: {}", Printable.escape(pipeline.connection().route(), 120),
                    Printable.escape(why, 300));
        }
        pipeline.stopWatching();
    }
}
