package dev.gamma.it;

import dev.gamma.cli.LocalCluster;
import dev.gamma.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Real node JVMs on loopback, launched as {@code gamma local-cluster} launches them. */
final class ClusterProcesses implements AutoCloseable {
    private static final Path JAR = Path.of("target", "gamma.jar");

    private final LocalCluster layout;
    private final Path config;
    private final Process[] nodes;
    private final List<List<String>> output = new ArrayList<>();

    ClusterProcesses(LocalCluster layout, Path config) {
        this.layout = layout;
        this.config = config;
        this.nodes = new Process[layout.nodes()];
        for (int i = 0; i < layout.nodes(); i++) {
            output.add(new CopyOnWriteArrayList<>());
        }
    }

    LocalCluster layout() {
        return layout;
    }

    void startAll() throws IOException {
        for (int i = 0; i < nodes.length; i++) {
            start(i);
        }
        for (int i = 0; i < nodes.length; i++) {
            awaitReady(i);
        }
    }

    void start(int node) throws IOException {
        start(node, Map.of());
    }

    /** Starts node {@code node} with {@code extra} on top of its layout's environment. */
    void start(int node, Map<String, String> extra) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GAMMA_"));
        builder.environment().putAll(layout.environment(node));
        builder.environment().putAll(extra);
        output.get(node).clear();
        Process process = builder.start();
        nodes[node] = process;
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.get(node).add(line);
                }
            } catch (IOException ended) {
                // the node is gone
            }
        }, "node-" + (node + 1) + "-output");
        copier.setDaemon(true);
        copier.start();
    }

    void awaitReady(int node) {
        Await.until(Duration.ofSeconds(90), "node-" + (node + 1) + " ready; output:\n" + String.join("\n", output.get(node)),
                () -> {
                    if (!nodes[node].isAlive()) {
                        throw new AssertionError("node-" + (node + 1) + " exited:\n" + String.join("\n", output.get(node)));
                    }
                    return output.get(node).stream().anyMatch(l -> l.contains("Gamma ready"));
                });
    }

    /** kill -9: no goodbye to the cluster. */
    void kill(int node) throws InterruptedException {
        nodes[node].destroyForcibly();
        nodes[node].waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, and the exit code. */
    int stop(int node) throws InterruptedException {
        nodes[node].destroy();
        if (!nodes[node].waitFor(30, TimeUnit.SECONDS)) {
            nodes[node].destroyForcibly();
            return -1;
        }
        return nodes[node].exitValue();
    }

    /** Waits for node {@code node} to exit by itself; its exit code, or an error naming its output. */
    int awaitExit(int node, Duration timeout) throws InterruptedException {
        if (!nodes[node].waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node-" + (node + 1) + " still running after " + timeout + "; output:\n"
                    + String.join("\n", output.get(node)));
        }
        return nodes[node].exitValue();
    }

    List<String> output(int node) {
        return output.get(node);
    }

    @Override
    public void close() {
        for (Process process : nodes) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
