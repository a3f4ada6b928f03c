package dev.gamma.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * N nodes on loopback from one configuration file: node i (0-based) gets the base ports plus i, a data
 * directory of its own, every other node as a cluster member and the cluster's secret, all through {@code GAMMA_*}
 * overrides. {@code gamma local-cluster} and the multi-node tests both launch nodes this way.
 *
 * @param secret the cluster secret every node gets ({@code GAMMA_CLUSTER_SECRET}); a fresh random one by default
 */
public record LocalCluster(int nodes, Ports base, Path workDir, String secret) {

    /** The first node's ports; node i adds i to each. */
    public record Ports(int proxy, int admin, int cluster) {
        public static final Ports DEFAULT = new Ports(25665, 8081, 5701);
    }

    public LocalCluster {
        if (nodes < 1 || nodes > 32) {
            throw new IllegalArgumentException("between 1 and 32 nodes, not " + nodes);
        }
    }

    /** With a secret made now, for these nodes only. */
    public LocalCluster(int nodes, Ports base, Path workDir) {
        this(nodes, base, workDir, newSecret());
    }

    @Override
    public String toString() {
        return "LocalCluster[nodes=" + nodes + ", base=" + base + ", workDir=" + workDir + ", secret=redacted]";
    }

    /** 32 random bytes, base64: what {@code openssl rand -base64 32} makes. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public int proxyPort(int node) {
        return base.proxy() + node;
    }

    public int adminPort(int node) {
        return base.admin() + node;
    }

    public int clusterPort(int node) {
        return base.cluster() + node;
    }

    public Path dataDir(int node) {
        return workDir.resolve("node-" + (node + 1)).resolve("data");
    }

    /** The overrides that make node {@code node} of this cluster out of a shared configuration file. */
    public Map<String, String> environment(int node) {
        String members = IntStream.range(0, nodes)
                .mapToObj(i -> "127.0.0.1:" + clusterPort(i))
                .collect(Collectors.joining(","));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GAMMA_BIND", "127.0.0.1:" + proxyPort(node));
        env.put("GAMMA_ADMIN_BIND", "127.0.0.1:" + adminPort(node));
        env.put("GAMMA_CLUSTER_ENABLED", "true");
        env.put("GAMMA_CLUSTER_BIND", "127.0.0.1:" + clusterPort(node));
        env.put("GAMMA_CLUSTER_DISCOVERY", "tcp-ip");
        env.put("GAMMA_CLUSTER_MEMBERS", members);
        env.put("GAMMA_CLUSTER_SECRET", secret);
        env.put("GAMMA_DATA_DIR", dataDir(node).toString());
        return env;
    }

    /** The command that runs one node: this JVM's java, this program's jar or classpath. */
    public static List<String> nodeCommand(Path config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // what Hazelcast asks for on Java 9+ (the jar's manifest says the same for `java -jar`)
        command.addAll(List.of("--add-modules", "java.se",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("run");
        command.add("--config");
        command.add(config.toString());
        return command;
    }
}
