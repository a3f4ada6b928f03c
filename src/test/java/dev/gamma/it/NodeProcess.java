package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The jar in a child JVM, its output collected line by line. */
final class NodeProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "gamma.jar");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Pattern terminateOn;

    private NodeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    unread.add(line);
                    Pattern trigger = terminateOn;
                    if (trigger != null && trigger.matcher(line).matches()) {
                        process.toHandle().destroy(); // SIGTERM, with the pipes left open
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "gamma-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static NodeProcess start(Path config) throws IOException {
        return start(config, Path.of(""));
    }

    /** Started in {@code workingDirectory}, with {@code config} as given (relative to that directory). */
    static NodeProcess start(Path config, Path workingDirectory) throws IOException {
        return start(config, workingDirectory, List.of());
    }

    /** With {@code jvmOptions} before {@code -jar}, as an operator adds them to conf/jvm.options. */
    static NodeProcess start(Path config, List<String> jvmOptions) throws IOException {
        return start(config, Path.of(""), jvmOptions);
    }

    private static NodeProcess start(Path config, Path workingDirectory, List<String> jvmOptions) throws IOException {
        assertThat(JAR).as("run after `mvn package`").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(), "run", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toAbsolutePath().toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GAMMA_"));
        return new NodeProcess(builder.start());
    }

    /** From now on, the first line matching {@code pattern} is answered with SIGTERM as soon as it is read. */
    void terminateOn(Pattern pattern) {
        terminateOn = pattern;
    }

    String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = unread.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && pattern.matcher(line).matches()) {
                return line;
            }
        }
        throw new AssertionError("no line matching " + pattern + " within " + timeout + "; output:\n"
                + String.join("\n", lines));
    }

    /**
     * SIGTERM through {@code kill}, without waiting for the exit: unlike {@link Process#destroy()}, which also closes
     * the pipes, the node's output is still read afterwards.
     */
    void signalTerm() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -TERM").isTrue();
    }

    boolean alive() {
        return process.isAlive();
    }

    int sigterm(Duration timeout) throws InterruptedException {
        process.destroy(); // SIGTERM on Linux
        return waitForExit(timeout);
    }

    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; output:\n" + String.join("\n", lines));
        }
        reader.join(2_000); // the rest of the output
        return process.exitValue();
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
