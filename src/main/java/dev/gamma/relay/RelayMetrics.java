package dev.gamma.relay;

/** What the relay reports for metrics: once per connection, never per chunk. */
public interface RelayMetrics {
    RelayMetrics NONE = new RelayMetrics() {
        @Override
        public void greeting(long nanos) {}

        @Override
        public void connectionEnded(String route, String outcome, long fromClient, long fromBackend) {}
    };

    /** The client's greeting was understood (or refused) this long after the connection was accepted. */
    void greeting(long nanos);

    /** A connection ended: its route ("-" when none was chosen), its outcome, and the bytes relayed each way. */
    void connectionEnded(String route, String outcome, long fromClient, long fromBackend);

    /** An access list refused a connection: {@code global} (the node's) or {@code route}. */
    default void accessDenied(String scope) {}
}
