package dev.gamma.config;

/**
 * @param splice     move raw sessions' bytes between the sockets in the kernel (Linux epoll only); faster for bulk
 *                   traffic, but a spliced session's byte counts stop growing once splicing starts
 * @param transport  the event loops' I/O: {@link Transport#AUTO} takes io_uring (epoll with splice), else epoll, else
 *                   Java NIO
 * @param eventLoops how many event loops (threads) the node runs; {@link #AUTO_LOOPS} for two per processor
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
     * The event loops to start with {@code processors} available: two per processor (Vert.x's default) unless set.
     * One per processor cost a standalone node a little less CPU per login in some runs, but left a clustered
     * node on one core half its logins per second (bench/results/2026-12-04-el1-clustered and -el2-clustered).
     */
    public int eventLoopsFor(int processors) {
        return eventLoops == AUTO_LOOPS ? 2 * Math.max(1, processors) : eventLoops;
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
