package dev.gamma.relay;

/** Moves a session's byte counters from tests in other packages, as its relay would. */
public final class Traffic {
    private Traffic() {}

    public static void add(SessionTraffic traffic, long fromClient, long fromBackend) {
        traffic.addFromClient(fromClient);
        traffic.addFromBackend(fromBackend);
    }
}
