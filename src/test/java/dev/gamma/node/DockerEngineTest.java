package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.route.WakeAction;
import dev.gamma.testkit.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DockerEngine} against the real engine: a container made here is started, seen running, stopped and removed.
 * Those tests skip when no engine answers, unless {@code GAMMA_DOCKER_TESTS=required} (as .ci/run sets), where they
 * fail; names and a hostile engine's answers are checked without one.
 */
class DockerEngineTest {
    private static final String ENGINE_MISSING = "needs a running Docker engine at " + DockerEngine.DEFAULT_SOCKET
            + " with a local image (.ci/run starts dockerd and builds the base images)";
    private static Vertx vertx;
    private static DockerEngine engine;
    private static String image;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        engine = DockerEngine.fromEnvironment(vertx, System.getenv());
    }

    /** Skips the calling test unless an engine answers with a usable local image; fails instead when required. */
    private static void assumeEngine() {
        if (image == null) {
            image = docker("info").exit() == 0 ? localImage() : null;
        }
        if ("required".equals(System.getenv("GAMMA_DOCKER_TESTS"))) {
            assertThat(image).as(ENGINE_MISSING + "; GAMMA_DOCKER_TESTS=required").isNotNull();
        }
        Assumptions.assumeTrue(image != null, ENGINE_MISSING);
    }

    @AfterAll
    static void close() {
        engine.close();
        Await.await(vertx.close());
    }

    @Test
    void startsSeesAndStopsARealContainer() {
        assumeEngine();
        String name = "gamma-test-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(docker("create", "--name", name, image, "sleep", "600").exit()).isZero();
        try {
            assertThat(Await.await(engine.running(name))).isFalse();
            Await.await(engine.start(name));
            assertThat(Await.await(engine.running(name))).isTrue();
            assertThat(docker("inspect", "-f", "{{.State.Running}}", name).output().strip()).isEqualTo("true");
            Await.await(engine.start(name)); // already running: 304, still a success

            Await.await(engine.stop(name));
            assertThat(Await.await(engine.running(name))).isFalse();
            assertThat(docker("inspect", "-f", "{{.State.Running}}", name).output().strip()).isEqualTo("false");
            Await.await(engine.stop(name)); // already stopped: 304
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void aRoutesDockerWakeAndSleepActionsStartAndStopARealContainer() {
        assumeEngine();
        String name = "gamma-wake-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(docker("create", "--name", name, image, "sleep", "600").exit()).isZero();
        try {
            WakeActions actions = new WakeActions(vertx, vertx.createHttpClient(), () -> engine);
            Await.await(actions.run("lobby.test", "wake", WakeAction.docker(name)));
            assertThat(docker("inspect", "-f", "{{.State.Running}}", name).output().strip()).isEqualTo("true");
            Await.await(actions.run("lobby.test", "sleep", WakeAction.docker(name)));
            assertThat(docker("inspect", "-f", "{{.State.Running}}", name).output().strip()).isEqualTo("false");
        } finally {
            docker("rm", "-f", name);
        }
    }

    @Test
    void anUnknownContainerFailsWithTheEnginesMessage() {
        assumeEngine();
        String name = "gamma-missing-" + UUID.randomUUID().toString().substring(0, 8);
        assertThatThrownBy(() -> Await.await(engine.start(name)))
                .hasMessageContaining("start " + name + " answered HTTP 404")
                .hasMessageContaining("No such container");
        assertThatThrownBy(() -> Await.await(engine.running(name))).hasMessageContaining("HTTP 404");
    }

    @Test
    void hostileNamesAreRefusedBeforeAnyRequest() {
        // A socket nobody serves: a name that reached the engine would fail with "did not answer" instead
        DockerEngine nowhere = new DockerEngine(vertx, "/nonexistent/docker.sock");
        try {
            for (String name : List.of("../../images/create?fromImage=evil", "a/b", "x?t=0", "a b", "-rf", "",
                    ".hidden", "name\r\nHost: evil", "a".repeat(129), "café", "x#y", "x%2F..")) {
                for (Future<?> call : List.of(nowhere.start(name), nowhere.stop(name), nowhere.running(name))) {
                    assertThatThrownBy(() -> Await.await(call)).as(name)
                            .hasMessageContaining("not a Docker container name")
                            .hasMessageNotContaining("\r").hasMessageNotContaining("\n");
                }
            }
            assertThatThrownBy(() -> Await.await(nowhere.start("valid-name_1.2")))
                    .hasMessageContaining("did not answer");
        } finally {
            nowhere.close();
        }
    }

    @Test
    void aHostileEnginesAnswersAreBoundedAndEscaped(@TempDir Path dir) {
        String socket = dir.resolve("fake.sock").toString();
        Await.await(vertx.createHttpServer().requestHandler(request -> {
            if (request.path().endsWith("/json")) {
                request.response().setChunked(true);
                request.response().write("{\"State\":{\"Running\":true},\"Pad\":\"" + "x".repeat(300_000));
                request.response().end("\"}");
            } else {
                request.response().setStatusCode(500).end(new JsonObject()
                        .put("message", "boom\r\nFAKE LOG LINE \u001b[2J" + "y".repeat(10_000)).encode());
            }
        }).listen(SocketAddress.domainSocketAddress(socket)));
        DockerEngine hostile = new DockerEngine(vertx, socket);
        try {
            assertThatThrownBy(() -> Await.await(hostile.start("victim")))
                    .hasMessageContaining("Docker engine: start victim answered HTTP 500: boom\\u000d\\u000aFAKE LOG LINE"
                            + " \\u001b[2J")
                    .hasMessageNotContaining("\n").hasMessageNotContaining("\u001b")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
            assertThatThrownBy(() -> Await.await(hostile.running("victim")))
                    .hasMessageContaining("the answer about victim is larger than 256 KiB");
        } finally {
            hostile.close();
        }
    }

    /**
     * An engine that answers a byte now and then, never finishing: each call fails in its time, and its connection is
     * closed then, so the client's few pooled connections are not all held and later calls still reach the engine.
     */
    @Test
    void anAnswerThatNeverEndsGivesItsConnectionBack(@TempDir Path dir) {
        String socket = dir.resolve("trickling.sock").toString();
        AtomicInteger requests = new AtomicInteger();
        Await.await(vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            request.response().setChunked(true).write("{");
            long timer = vertx.setPeriodic(200, t -> request.response().write(" "));
            request.connection().closeHandler(v -> vertx.cancelTimer(timer));
        }).listen(SocketAddress.domainSocketAddress(socket)));
        DockerEngine trickled = new DockerEngine(vertx, socket, Duration.ofMillis(800));
        try {
            for (int i = 0; i < 8; i++) { // more than the client's pool of 5 connections
                assertThatThrownBy(() -> Await.await(trickled.running("victim"))).isNotNull();
            }
            assertThat(requests.get()).as("every call reached the engine").isEqualTo(8);
        } finally {
            trickled.close();
        }
    }

    /**
     * More calls at once than the client has connections, against an engine that never finishes an answer: once they
     * have all run out of time, no request is left open at the engine (one sent after its caller gave up would hold
     * its connection as long as the engine trickles), and the client's connections serve later calls.
     */
    @Test
    void callsThatRanOutOfTimeTogetherLeaveNoRequestOpen(@TempDir Path dir) throws Exception {
        String socket = dir.resolve("busy.sock").toString();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        Await.await(vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            open.incrementAndGet();
            request.response().setChunked(true).write("{");
            long timer = vertx.setPeriodic(200, t -> request.response().write(" "));
            request.connection().closeHandler(v -> {
                vertx.cancelTimer(timer);
                open.decrementAndGet();
            });
        }).listen(SocketAddress.domainSocketAddress(socket)));
        DockerEngine busy = new DockerEngine(vertx, socket, Duration.ofMillis(800));
        try {
            List<Future<Boolean>> atOnce = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                atOnce.add(busy.running("victim"));
            }
            Await.await(Future.join(atOnce).transform(done -> Future.succeededFuture()));
            Await.until(Duration.ofSeconds(10), "no request left open at the engine", () -> open.get() == 0);
            Thread.sleep(500); // time enough for a late request to go out, were one sent
            assertThat(open.get()).as("requests open at the engine").isZero();

            int before = requests.get();
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> Await.await(busy.running("victim"))).isNotNull();
            }
            assertThat(requests.get() - before).as("every later call reached the engine").isEqualTo(5);
        } finally {
            busy.close();
        }
    }

    @Test
    void dockerHostNamesTheSocket() {
        assertThat(DockerEngine.socketPath(null)).isEqualTo("/var/run/docker.sock");
        assertThat(DockerEngine.socketPath("unix:///run/user/1000/docker.sock")).isEqualTo("/run/user/1000/docker.sock");
        assertThatThrownBy(() -> DockerEngine.socketPath("tcp://10.0.0.1:2375")).hasMessageContaining("unix://");
        assertThat(DockerEngine.fromEnvironment(vertx, Map.of())).isNotNull();
    }

    private record Run(int exit, String output) {}

    private static Run docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(1 << 20);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, "timed out");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }

    /** An image already here that has {@code sleep}: no registry is reachable. */
    private static String localImage() {
        for (String candidate : List.of("gamma-stand-in/debian:bookworm", "local/debian:bookworm-minbase",
                "debian:bookworm", "eclipse-temurin:17-jre")) {
            if (docker("image", "inspect", candidate).exit() == 0) {
                return candidate;
            }
        }
        return null;
    }
}
