package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.gamma.testkit.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
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

/**
 * Live reload. Nothing here waits a fixed time and then checks that nothing happened: a bad change is followed by
 * an event that must come after it (its log, or a later change being applied or found equal to the one in force).
 */
@ExtendWith(VertxExtension.class)
class ConfigWatchTest {
    private static final Duration SCAN = Duration.ofMillis(20);
    private static final String FIRST = "bind: 0.0.0.0:1\n";

    @TempDir
    Path dir;
    private Path file;
    private LogCapture logs;
    private ConfigLoader loader;
    private final BlockingQueue<GammaConfig> changes = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp(Vertx vertx) {
        file = Fixture.write(dir.resolve("gamma.yaml"), FIRST);
        logs = new LogCapture();
        loader = new ConfigLoader(vertx, file, Map.of(), SCAN);
    }

    @AfterEach
    void tearDown() {
        loader.close();
        logs.close();
    }

    private void startWatching() throws Exception {
        Await.await(loader.load());
        Await.await(loader.watch(changes::add));
    }

    private HostPort nextBind() throws InterruptedException {
        GammaConfig changed = changes.poll(10, TimeUnit.SECONDS);
        assertThat(changed).as("a configuration change").isNotNull();
        return changed.bind();
    }

    /** Writing the first content back is found equal to the configuration in force: the bad change replaced nothing. */
    private void assertFirstStillInForce() throws InterruptedException {
        Fixture.write(file, "# the first content again\n" + FIRST);
        logs.await(Level.INFO, m -> m.equals(file + " changed; the configuration in force is the same"));
        assertThat(changes).isEmpty();
    }

    private static Future<Void> write(Vertx vertx, Path file, String yaml) {
        return vertx.fileSystem().writeFile(file.toString(), Buffer.buffer(yaml));
    }

    @Test
    void deliversAValidChangeOnAnEventLoop(Vertx vertx, VertxTestContext test) {
        loader.load()
                .compose(initial -> loader.watch(config -> test.verify(() -> {
                    assertThat(Context.isOnEventLoopThread()).isTrue();
                    assertThat(config.bind()).isEqualTo(new HostPort("0.0.0.0", 2));
                    test.completeNow();
                })))
                .compose(watching -> write(vertx, file, "bind: 0.0.0.0:2\n"))
                .onFailure(test::failNow);
    }

    @Test
    void aReloadAppliesTheSameEnvironmentOverrides(Vertx vertx, VertxTestContext test) {
        ConfigLoader withEnv = new ConfigLoader(vertx, file, Map.of("GAMMA_BIND", "127.0.0.1:9"), SCAN);
        withEnv.watch(config -> test.verify(() -> {
                    assertThat(config.bind()).isEqualTo(new HostPort("127.0.0.1", 9));
                    assertThat(config.limits().perIpBurst()).isEqualTo(3);
                    withEnv.close();
                    test.completeNow();
                }))
                .compose(watching -> write(vertx, file, FIRST + "limits: {per-ip-burst: 3}\n"))
                .onFailure(test::failNow);
    }

    @Test
    void watchWithoutLoadCountsChangesFromNow(Vertx vertx, VertxTestContext test) {
        // the first call must be the change: the content found when watching started is not one
        loader.watch(config -> test.verify(() -> {
                    assertThat(config.bind()).isEqualTo(new HostPort("0.0.0.0", 2));
                    test.completeNow();
                }))
                .compose(watching -> write(vertx, file, "bind: 0.0.0.0:2\n"))
                .onFailure(test::failNow);
    }

    @Test
    void aChangeBetweenLoadAndWatchIsApplied() throws Exception {
        Await.await(loader.load());
        Fixture.write(file, "bind: 0.0.0.0:2\n");
        Await.await(loader.watch(changes::add));
        assertThat(nextBind()).isEqualTo(new HostPort("0.0.0.0", 2));
    }

    @Test
    void garbageKeepsTheLastGoodConfigurationAndCallsNothing() throws Exception {
        startWatching();
        Fixture.write(file, "bind: [unclosed\nlimits: {per-ip-rate: -1}\n");
        logs.await(Level.WARN, m -> m.equals(file + " changed and has 1 problem(s);"
                + " keeping the last good configuration"));
        logs.await(Level.WARN, m -> m.startsWith(file + ":2: invalid YAML: "));
        assertFirstStillInForce();

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
        assertFirstStillInForce();
    }

    @Test
    void aDeletedFileKeepsTheLastGoodConfigurationAndIsReportedOnce() throws Exception {
        startWatching();
        Files.delete(file);
        logs.await(Level.WARN, m -> m.equals(file + ": file not found"));
        // applying the next change takes more than one scan, so a report repeated at every scan would show
        assertFirstStillInForce();
        assertThat(logs.messages(Level.WARN)).filteredOn(m -> m.equals(file + ": file not found")).hasSize(1);
    }

    @Test
    void anEmptiedFileKeepsTheLastGoodConfiguration() throws Exception {
        startWatching();
        Fixture.write(file, "\n");
        logs.await(Level.WARN, m -> m.equals(file + " is now empty; keeping the last good configuration"));
        assertFirstStillInForce();
    }

    @Test
    void aFileOfOnlyCommentsIsAValidChange() throws Exception {
        Fixture.write(file, "bind: 0.0.0.0:2\n");
        startWatching();
        Fixture.write(file, "# bind: 0.0.0.0:2\n");
        assertThat(nextBind()).isEqualTo(new HostPort("0.0.0.0", 25565));
    }

    @Test
    void anEditThatChangesNothingCallsNothing() throws Exception {
        startWatching();
        Fixture.write(file, "# a comment\nbind: 0.0.0.0:1   # same\n");
        logs.await(Level.INFO, m -> m.endsWith("the configuration in force is the same"));
        Fixture.write(file, "bind: 0.0.0.0:2\n");
        assertThat(nextBind()).isEqualTo(new HostPort("0.0.0.0", 2));
    }

    @Test
    void closeStopsWatching(Vertx vertx) throws Exception {
        startWatching();
        loader.close();
        ConfigLoader other = new ConfigLoader(vertx, file, Map.of(), SCAN);
        BlockingQueue<GammaConfig> seenByOther = new LinkedBlockingQueue<>();
        try {
            Await.await(other.watch(seenByOther::add));
            Fixture.write(file, "bind: 0.0.0.0:2\n");
            assertThat(seenByOther.poll(10, TimeUnit.SECONDS)).isNotNull();
            // by the time a second change is applied, the first has been there for several scans
            Fixture.write(file, "bind: 0.0.0.0:3\n");
            assertThat(seenByOther.poll(10, TimeUnit.SECONDS)).isNotNull();
        } finally {
            other.close();
        }
        assertThat(changes).isEmpty();
        assertThat(logs.messages(Level.WARN)).isEmpty();
    }
}
