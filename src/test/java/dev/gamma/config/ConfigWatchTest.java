package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigWatchTest {
    private static final Duration POLL = Duration.ofMillis(20);

    @TempDir
    Path dir;
    private Path file;
    private LogCapture logs;
    private ConfigLoader loader;
    private final BlockingQueue<GammaConfig> changes = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> onEventLoop = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp(Vertx vertx) {
        file = Fixture.write(dir.resolve("gamma.yaml"), "bind: 0.0.0.0:1\n");
        logs = new LogCapture();
        loader = new ConfigLoader(vertx, file, Map.of(), POLL);
    }

    @AfterEach
    void tearDown() {
        loader.close();
        logs.close();
    }

    private void startWatching() throws Exception {
        Fixture.await(loader.load());
        Fixture.await(loader.watch(config -> {
            onEventLoop.add(Context.isOnEventLoopThread());
            changes.add(config);
        }));
    }

    private HostPort nextBind() throws InterruptedException {
        GammaConfig changed = changes.poll(10, TimeUnit.SECONDS);
        assertThat(changed).as("a configuration change").isNotNull();
        return changed.bind();
    }

    @Test
    void deliversAValidChangeOnAnEventLoop() throws Exception {
        startWatching();
        Fixture.write(file, "bind: 0.0.0.0:2\n");
        assertThat(nextBind()).isEqualTo(new HostPort("0.0.0.0", 2));
        assertThat(onEventLoop.poll()).isTrue();
    }

    @Test
    void garbageKeepsTheLastGoodConfigurationAndCallsNothing() throws Exception {
        startWatching();
        Fixture.write(file, "bind: [unclosed\nlimits: {per-ip-rate: -1}\n");
        logs.await(Level.WARN, m -> m.equals(file + " changed and has 1 problem(s);"
                + " keeping the last good configuration"));
        logs.await(Level.WARN, m -> m.startsWith(file + ":2: invalid YAML: "));
        Thread.sleep(POLL.toMillis() * 5);
        assertThat(changes).isEmpty();

        Fixture.write(file, "bind: 0.0.0.0:3\n");
        assertThat(nextBind()).isEqualTo(new HostPort("0.0.0.0", 3));
    }

    @Test
    void anInvalidChangeLogsEveryProblem() throws Exception {
        startWatching();
        Fixture.write(file, "bind: x\nlimits: {per-ip-rate: -1}\n");
        logs.await(Level.WARN, m -> m.endsWith("has 2 problem(s); keeping the last good configuration"));
        logs.await(Level.WARN, m -> m.equals(file + ":2: limits.per-ip-rate: must be > 0, got -1"));
        assertThat(logs.messages(Level.WARN)).contains(file + ":1: bind: \"x\" is not host:port");
        assertThat(changes).isEmpty();
    }

    @Test
    void aDeletedFileKeepsTheLastGoodConfigurationAndIsReportedOnce() throws Exception {
        startWatching();
        Files.delete(file);
        logs.await(Level.WARN, m -> m.equals(file + ": file not found"));
        Thread.sleep(POLL.toMillis() * 5);
        assertThat(logs.messages(Level.WARN)).filteredOn(m -> m.equals(file + ": file not found")).hasSize(1);
        assertThat(changes).isEmpty();
    }

    @Test
    void anEmptiedFileKeepsTheLastGoodConfiguration() throws Exception {
        startWatching();
        Fixture.write(file, "\n");
        logs.await(Level.WARN, m -> m.equals(file + " is now empty; keeping the last good configuration"));
        assertThat(changes).isEmpty();
    }

    @Test
    void anEditThatChangesNothingCallsNothing() throws Exception {
        startWatching();
        Fixture.write(file, "# a comment\nbind: 0.0.0.0:1   # same\n");
        logs.await(Level.INFO, m -> m.endsWith("the configuration in force is the same"));
        assertThat(changes).isEmpty();
    }

    @Test
    void watchWithoutLoadCountsChangesFromNow() throws Exception {
        Fixture.await(loader.watch(changes::add));
        Thread.sleep(POLL.toMillis() * 3);
        assertThat(changes).isEmpty();

        Fixture.write(file, "bind: 0.0.0.0:2\n");
        assertThat(nextBind()).isEqualTo(new HostPort("0.0.0.0", 2));
    }

    @Test
    void closeStopsWatching() throws Exception {
        startWatching();
        loader.close();
        Fixture.write(file, "bind: 0.0.0.0:2\n");
        Thread.sleep(POLL.toMillis() * 10);
        assertThat(changes).isEmpty();
        assertThat(logs.messages(Level.WARN)).isEmpty();
    }
}
