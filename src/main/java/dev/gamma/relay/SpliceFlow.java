package dev.gamma.relay;

import io.netty.channel.epoll.Native;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.channels.NotYetConnectedException;

/**
 * One direction of a {@link Splice}: socket to pipe to socket. It reads only while its pipe is empty, so at most a
 * pipe's worth (64 KiB by default) waits for a slow reader; then it stops reading until the other socket takes it.
 * The pipe is borrowed from the event loop's {@link SplicePipes} for as long as bytes wait in it.
 */
final class SpliceFlow {
    /** More than a pipe holds: the pipe's room is what limits one read. */
    private static final int READ_AT_MOST = 1 << 20;
    /** Chunks moved per turn before the event loop's other sockets get theirs. */
    private static final int CHUNKS_PER_TURN = 16;

    private final Splice splice;
    private final RelayLeg from;
    private final RelayLeg to;
    private final int fromFd;
    private final Socket toSocket;
    private final SplicePipes pipes;
    private SplicePipes.Pipe pipe;
    private int pending;
    private long written;
    private boolean blocked;
    private boolean finSeen;
    private boolean ended;
    private final StallWatch stallWatch;

    /** On the sockets' event loop. */
    SpliceFlow(Splice splice, RelayLeg from, RelayLeg to) {
        this.splice = splice;
        this.from = from;
        this.to = to;
        this.fromFd = Splice.socket(from).intValue();
        this.toSocket = Splice.socket(to);
        this.pipes = SplicePipes.ofThisLoop();
        this.stallWatch = new StallWatch(splice.relay(), to, () -> blocked && !splice.stopped(), () -> written);
    }

    boolean ended() {
        return ended;
    }

    /** Bytes read and not yet written. */
    int pending() {
        return pending;
    }

    long written() {
        return written;
    }

    /** The sending side closed its half (or the connection): reads now end at end of stream, never "try again". */
    void finSeen() {
        finSeen = true;
    }

    /** Moves what the sending socket has, unless the pipe still waits for the receiving one. */
    void readable() {
        if (blocked || ended || splice.stopped()) {
            return;
        }
        try {
            for (int chunk = 0; chunk < CHUNKS_PER_TURN; chunk++) {
                if (pipe == null) {
                    pipe = pipes.take();
                }
                int read = Native.splice(fromFd, -1, pipe.writeEnd().intValue(), -1, READ_AT_MOST);
                if (read == 0) { // Netty gives 0 for "try again" as for end of stream; after a FIN it can only be the end
                    giveBackPipe();
                    if (finSeen) {
                        end();
                    }
                    return;
                }
                splice.counted(from, read);
                pending = read;
                if (!flush()) {
                    return;
                }
            }
            splice.later(this::readable); // there may be more: edge-triggered, no new event would say so
        } catch (IOException | NotYetConnectedException e) {
            splice.failed(from, e);
        }
    }

    /** The receiving socket has room again. */
    void writable() {
        if (blocked && !splice.stopped() && flush()) {
            readable();
        }
    }

    /**
     * Writes what the pipe holds; false when the receiving socket took only part of it (blocked), or failed (the
     * session ends).
     */
    private boolean flush() {
        int taken;
        try {
            taken = Native.splice(pipe.readEnd().intValue(), -1, toSocket.intValue(), -1, pending);
        } catch (IOException | NotYetConnectedException e) {
            splice.failed(to, e);
            return false;
        }
        pending -= taken;
        written += taken;
        if (pending > 0) { // its send buffer is full: an EPOLLOUT edge comes when it has room
            block();
            return false;
        }
        blocked = false;
        giveBackPipe();
        return true;
    }

    private void giveBackPipe() {
        pipes.giveBack(pipe);
        pipe = null;
    }

    private void block() {
        blocked = true;
        stallWatch.bytesWait();
    }

    /** End of stream, with the pipe empty: the FIN goes on to the other side. */
    private void end() {
        ended = true;
        try {
            toSocket.shutdown(false, true);
        } catch (IOException | NotYetConnectedException e) { // the other side was reset meanwhile
            splice.failed(to, e);
            return;
        }
        splice.flowEnded();
    }

    void release() {
        stallWatch.cancel();
        if (pipe != null) { // bytes the session no longer needs
            pipe.close();
            pipe = null;
        }
    }
}
