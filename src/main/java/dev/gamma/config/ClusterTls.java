package dev.gamma.config;

import java.nio.file.Path;

/**
 * {@code cluster.tls}: PEM files that turn on TLS with client authentication for the clustered event bus. Paths
 * are resolved against the config file's directory; all three or none.
 *
 * @param ca the certificate authority a peer's certificate must be signed by
 */
public record ClusterTls(Path cert, Path key, Path ca) {
    public static final ClusterTls OFF = new ClusterTls(null, null, null);

    public boolean enabled() {
        return cert != null;
    }
}
