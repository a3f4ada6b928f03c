package dev.gamma.it;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** A real HAProxy (Debian's haproxy) in TCP mode, started from a config text and stopped on close. */
final class HaproxyFixture implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final Path log;

    private HaproxyFixture(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "needs haproxy (apt-get install haproxy)");
    }

    /** Starts haproxy with {@code config} and waits until {@code port} accepts connections. */
    static HaproxyFixture start(String config, int port) throws IOException, InterruptedException {
        assumeInstalled();
        Path dir = Files.createTempDirectory("gamma-haproxy");
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HaproxyFixture fixture = new HaproxyFixture(process, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy exited: " + Files.readString(log));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return fixture;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fixture.close();
        throw new AssertionError("haproxy did not listen on " + port + ": " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        try {
            return "haproxy log:\n" + Files.readString(log);
        } catch (IOException e) {
            return "haproxy (no log)";
        }
    }
}
