package dev.gamma.config;

/**
 * @param splice    move raw sessions' bytes between the sockets in the kernel (Linux epoll only); faster for bulk
 *                  traffic, but a spliced session's byte counts stop growing once splicing starts
 * @param transport the event loops' I/O: {@link Transport#AUTO} takes io_uring (epoll with splice), else epoll, else
 *                  Java NIO
 */
public record RelayConfig(boolean splice, Transport transport) {
    public RelayConfig(boolean splice) {
        this(splice, Transport.AUTO);
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
