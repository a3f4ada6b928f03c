package dev.gamma.route;

/** A server a route forwards to. */
public record Backend(String host, int port) {
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
