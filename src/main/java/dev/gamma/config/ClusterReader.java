package dev.gamma.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code cluster}: membership, discovery, the shared secret and the event bus's TLS files. Secret problems
 * say what is wrong with a secret, never what it is.
 */
final class ClusterReader {
    // Hazelcast counts heartbeats in whole seconds, at one per second: below 1s a node would be dropped at once
    private static final ValueType<Duration> NODE_TIMEOUT =
            ValueType.DURATION.where(d -> d.compareTo(Duration.ofSeconds(1)) >= 0, "must be at least 1s");
    private static final ValueType<String> DISCOVERY =
            ValueType.oneOf("discovery", List.of("tcp-ip", "multicast", "dns"));
    private static final ValueType<String> MEMBER =
            new ValueType<>("host:port", s -> HostPort.parse(s).toString());
    private static final ValueType<String> ADDRESS = new ValueType<>("host or host:port", ClusterReader::address);
    private static final String GENERATE = " (make one with: openssl rand -base64 32)";

    private final Path baseDir;

    /** @param baseDir the config file's directory, against which secret and TLS files are resolved */
    ClusterReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    ClusterConfig read(Section s) {
        HostPort bind = s.get("bind", ValueType.HOST_PORT, new HostPort("127.0.0.1", 5701));
        boolean enabled = s.get("enabled", ValueType.BOOLEAN, false);
        ClusterConfig cluster = new ClusterConfig(
                enabled,
                s.get("name", ValueType.NON_EMPTY, "gamma"),
                bind,
                s.list("members", MEMBER, List.of()),
                s.get("discovery", DISCOVERY, "tcp-ip"),
                s.get("dns-name", ValueType.STRING, ""),
                s.get("node-timeout", NODE_TIMEOUT, Duration.ofSeconds(10)),
                s.get("public-address", ADDRESS, ""),
                s.get("event-bus", ValueType.HOST_PORT, new HostPort(bind.host(), 0)),
                secrets(s, enabled),
                tls(s.section("tls")));
        if (cluster.enabled() && cluster.discovery().equals("dns") && cluster.dnsName().isBlank()) {
            s.problem(s.originOf("discovery"), s.path("dns-name"), "must be set when discovery is dns");
        }
        s.finish();
        return cluster;
    }

    /** {@code secret} (one or a list, new first) or {@code secret-file} (one per line), required when enabled. */
    private ClusterSecrets secrets(Section s, boolean enabled) {
        List<Tree.Scalar> given = s.scalars("secret");
        String file = s.get("secret-file", ValueType.STRING, "").strip();
        if (!given.isEmpty() && !file.isEmpty()) {
            s.problem(s.originOf("secret-file"), s.path("secret-file"),
                    "set either cluster.secret or cluster.secret-file, not both");
            return ClusterSecrets.NONE;
        }
        List<Secret> secrets = new ArrayList<>();
        if (!file.isEmpty()) {
            secrets.addAll(readSecretFile(s, file));
        } else {
            boolean list = given.size() > 1 || s.raw("secret") instanceof Tree.Sequence;
            for (int i = 0; i < given.size(); i++) {
                Tree.Scalar scalar = given.get(i);
                secrets.add(new Secret(scalar.text().strip(), scalar.origin(),
                        list ? s.path("secret") + "[" + i + "]" : s.path("secret")));
            }
        }
        if (secrets.isEmpty()) {
            if (enabled && file.isEmpty()) {
                s.problem(s.originOf("secret"), s.path("secret"), "is required when cluster.enabled is true: at least "
                        + ClusterSecrets.MIN_LENGTH + " characters, the same on every node, or cluster.secret-file"
                        + GENERATE);
            }
            return ClusterSecrets.NONE;
        }
        boolean ok = true;
        for (Secret secret : secrets) {
            if (secret.text().equals(ClusterSecrets.EXAMPLE)) {
                s.problem(secret.origin(), secret.path(), "is the public example of docker/cluster.env.example;"
                        + " every node needs a secret of its cluster's own" + GENERATE);
                ok = false;
            } else if (secret.text().contains(",")) {
                s.problem(secret.origin(), secret.path(), "must not contain a comma (GAMMA_CLUSTER_SECRET separates"
                        + " two secrets with one)" + GENERATE);
                ok = false;
            } else if (secret.text().length() < ClusterSecrets.MIN_LENGTH) {
                s.problem(secret.origin(), secret.path(), "is " + secret.text().length() + " characters long; it must"
                        + " be at least " + ClusterSecrets.MIN_LENGTH + GENERATE);
                ok = false;
            }
        }
        if (secrets.size() > ClusterSecrets.MAX_COUNT) {
            s.problem(secrets.get(0).origin(), secrets.get(0).path(), "lists " + secrets.size()
                    + " secrets; at most 2: the new one first, then the old one while the fleet rolls over");
            ok = false;
        }
        return ok ? new ClusterSecrets(secrets.stream().map(Secret::text).distinct().toList()) : ClusterSecrets.NONE;
    }

    /** Blocking: the non-blank lines of the file, new secret first. */
    private List<Secret> readSecretFile(Section s, String name) {
        Path path = resolve(s, "secret-file", name);
        if (path == null) {
            return List.of();
        }
        List<Secret> secrets = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty()) {
                    secrets.add(new Secret(line, s.originOf("secret-file"), s.path("secret-file") + " (" + path
                            + " line " + (i + 1) + ")"));
                }
            }
            if (secrets.isEmpty()) {
                s.problem(s.originOf("secret-file"), s.path("secret-file"), path + " holds no secret");
            }
        } catch (NoSuchFileException e) {
            s.problem(s.originOf("secret-file"), s.path("secret-file"), path + " does not exist");
        } catch (IOException | RuntimeException e) {
            s.problem(s.originOf("secret-file"), s.path("secret-file"), "cannot read " + path + ": " + e.getMessage());
        }
        return secrets;
    }

    private ClusterTls tls(Section s) {
        String cert = s.get("cert", ValueType.STRING, "").strip();
        String key = s.get("key", ValueType.STRING, "").strip();
        String ca = s.get("ca", ValueType.STRING, "").strip();
        s.finish();
        if (cert.isEmpty() && key.isEmpty() && ca.isEmpty()) {
            return ClusterTls.OFF;
        }
        boolean complete = true;
        for (String missing : List.of("cert", "key", "ca")) {
            String value = switch (missing) {
                case "cert" -> cert;
                case "key" -> key;
                default -> ca;
            };
            if (value.isEmpty()) {
                s.problem(s.origin(), s.path(missing), "is required when cluster.tls is set (cert, key and ca: PEM"
                        + " files)");
                complete = false;
            }
        }
        if (!complete) {
            return ClusterTls.OFF;
        }
        Path certPath = readable(s, "cert", cert);
        Path keyPath = readable(s, "key", key);
        Path caPath = readable(s, "ca", ca);
        return certPath == null || keyPath == null || caPath == null ? ClusterTls.OFF
                : new ClusterTls(certPath, keyPath, caPath);
    }

    private Path readable(Section s, String key, String name) {
        Path path = resolve(s, key, name);
        if (path != null && !Files.isReadable(path)) {
            s.problem(s.originOf(key), s.path(key), path + (Files.exists(path) ? " cannot be read" : " does not exist"));
            return null;
        }
        return path;
    }

    private Path resolve(Section s, String key, String name) {
        try {
            return baseDir.resolve(name).normalize();
        } catch (InvalidPathException e) {
            s.problem(s.originOf(key), s.path(key), "\"" + name + "\" is not a path: " + e.getReason());
            return null;
        }
    }

    private static String address(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.contains(":")) {
            return s.isEmpty() ? "" : HostPort.parse(s).toString();
        }
        if (!HostSyntax.isHostname(s.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("\"" + text + "\" is not a host or host:port");
        }
        return s;
    }

    private record Secret(String text, Origin origin, String path) {}
}
