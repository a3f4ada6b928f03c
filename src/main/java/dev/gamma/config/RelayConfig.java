package dev.gamma.config;

/**
 * @param splice    move raw sessions' bytes between the sockets in the kernel (Linux epoll only); faster for bulk
 *                  traffic, but a spliced session's byte counts stop growing once splicing starts
 * @param transport  the event loops' I/O: {@link Transport#AUTO} takes io_uring (epoll with splice), else epoll, else
 *                   Java NIO
 * @param eventLoops how many event loops (threads) the node runs; {@link #AUTO_LOOPS} for one per processor
 */
public record RelayConfig(boolean splice, Transport transport, int eventLoops) {
    /** {@code relay.event-loops: auto}. */
    public static final int AUTO_LOOPS = 0;

    public RelayConfig(boolean splice) {
        this(splice, Transport.AUTO);
    }

    public RelayConfig(boolean splice, Transport transport) {
        this(splice, transport, AUTO_LOOPS);
    }

    /**
     * The event loops to start with {@code processors} available: one per processor unless set. Not Vert.x's two
     * per processor: the relay's work is all on its loops and never blocks, so a second thread per core only adds
     * switches between them (measured in {@code bench/results/2026-12-04-event-loops}).
     */
    public int eventLoopsFor(int processors) {
        return eventLoops == AUTO_LOOPS ? Math.max(1, processors) : eventLoops;
    }

    /** {@code relay.transport}; read at start only. */
    public enum Transport {
        AUTO("auto"), IO_URING("io_uring"), EPOLL("epoll"), NIO("nio");

        private final String key;

        Transport(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Transport of(String key) {
            for (Transport transport : values()) {
                if (transport.key.equals(key)) {
                    return transport;
                }
            }
            throw new IllegalArgumentException(key);
        }
    }
}
