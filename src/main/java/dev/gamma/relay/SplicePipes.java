package dev.gamma.relay;

import io.netty.channel.unix.FileDescriptor;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Empty pipes kept by each event loop for the splices on it. A splice holds a pipe only while bytes wait in it, so
 * a node's pipes follow the sessions moving bytes at that moment, not all its spliced sessions: most players are
 * idle most of the time, and the kernel gives a user 1,024 full-size pipes (fs.pipe-user-pages-soft) before it
 * makes new ones hold 8 KiB.
 */
final class SplicePipes {
    /** Empty pipes a loop keeps for the next chunk; more are closed as they are given back. */
    static final int KEPT = 16;
    private static final FastThreadLocal<SplicePipes> OF_LOOP = new FastThreadLocal<>() {
        @Override
        protected SplicePipes initialValue() {
            return new SplicePipes();
        }

        @Override
        protected void onRemoval(SplicePipes pipes) { // the loop's thread ends
            pipes.closeAll();
        }
    };

    private static final AtomicInteger OPEN = new AtomicInteger();

    /** The two ends of one pipe. */
    record Pipe(FileDescriptor readEnd, FileDescriptor writeEnd) {
        void close() {
            closeQuietly(readEnd);
            closeQuietly(writeEnd);
            OPEN.decrementAndGet();
        }
    }

    private final ArrayDeque<Pipe> empty = new ArrayDeque<>();

    private SplicePipes() {}

    /** Pipes open in this process, lent or kept. */
    static int open() {
        return OPEN.get();
    }

    /** The pipes of the calling event loop. */
    static SplicePipes ofThisLoop() {
        return OF_LOOP.get();
    }

    /** An empty pipe, kept or new. */
    Pipe take() throws IOException {
        Pipe kept = empty.pollFirst();
        if (kept != null) {
            return kept;
        }
        FileDescriptor[] ends = FileDescriptor.pipe();
        OPEN.incrementAndGet();
        return new Pipe(ends[0], ends[1]);
    }

    /** Takes back a pipe with nothing in it. */
    void giveBack(Pipe pipe) {
        if (empty.size() < KEPT) {
            empty.addFirst(pipe);
        } else {
            pipe.close();
        }
    }

    private void closeAll() {
        for (Pipe pipe; (pipe = empty.pollFirst()) != null; ) {
            pipe.close();
        }
    }

    private static void closeQuietly(FileDescriptor fd) {
        try {
            fd.close();
        } catch (IOException e) {
            // a pipe nobody else holds: nothing to do about it
        }
    }
}
