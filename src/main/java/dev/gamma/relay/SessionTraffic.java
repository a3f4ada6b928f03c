package dev.gamma.relay;

/**
 * Byte counters of one session. Written only from the session's event loop; read from anywhere (the
 * registry refresh, the admin API) where a slightly old value is fine.
 */
public final class SessionTraffic {
    private volatile long fromClient;
    private volatile long fromBackend;

    void addFromClient(long bytes) {
        fromClient += bytes; // single writer, so the non-atomic increment is safe
    }

    void addFromBackend(long bytes) {
        fromBackend += bytes;
    }

    public long fromClient() {
        return fromClient;
    }

    public long fromBackend() {
        return fromBackend;
    }
}
