package dev.gamma.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.Handshake;
import dev.gamma.protocol.LoginStart;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load tool against its own upstream for a fraction of a second, so that neither rots unnoticed. */
class LoadToolTest {
    private Upstream upstream;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = Upstream.start(new InetSocketAddress("127.0.0.1", 0), 1, 32 * 1024);
    }

    @AfterEach
    void stopUpstream() throws IOException {
        upstream.close();
    }

    @Test
    void greetingDecodesWithGammasOwnCodecs() {
        ByteBuffer bytes = ByteBuffer.wrap(Wire.greeting("bench.test", 25565, "sinkAB"));
        Handshake handshake = Handshake.decode(Frames.next(bytes, 4096));
        LoginStart login = LoginStart.decode(Frames.next(bytes, 4096), Wire.PROTOCOL);

        assertThat(handshake).isEqualTo(new Handshake(765, "bench.test", 25565, Handshake.LOGIN));
        assertThat(login).isEqualTo(new LoginStart("sinkAB", Wire.offlineUuid("sinkAB")));
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void upstreamAnswersLoginStartWithWellFormedLoginSuccess() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(Wire.greeting("bench.test", upstream.port(), "echoTest"));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteBuffer body = ByteBuffer.wrap(Wire.readFrame(in));

            assertThat(Wire.readVarInt(body)).isEqualTo(0x02);
            assertThat(new UUID(body.getLong(), body.getLong())).isEqualTo(Wire.offlineUuid("echoTest"));
            assertThat(Wire.readString(body, 64)).isEqualTo("echoTest");
            assertThat(Wire.readVarInt(body)).as("property count").isZero();
            assertThat(body.hasRemaining()).isFalse();

            // after Login Acknowledged an echo player gets its frames back, and nothing else
            byte[] frame = new byte[64];
            Wire.fillerFrames(64, 64).get(frame);
            socket.getOutputStream().write(Wire.LOGIN_ACKNOWLEDGED);
            socket.getOutputStream().write(frame);
            byte[] back = new byte[64];
            in.readFully(back);
            assertThat(back).isEqualTo(frame);
        }
    }

    @Test
    void fillerFramesAreWholeFramesOfTheRequestedSize() {
        for (int size : new int[] {64, 16 * 1024, 32 * 1024}) {
            ByteBuffer frames = Wire.fillerFrames(size, 4 * size);
            assertThat(frames.remaining()).isEqualTo(4 * size);
            for (int i = 0; i < 4; i++) {
                int before = frames.position();
                ByteBuffer body = Frames.next(frames, Frames.MAX_FRAME_LENGTH);
                assertThat(frames.position() - before).isEqualTo(size);
                assertThat(body.get(0)).isEqualTo((byte) Wire.FILLER_ID);
            }
        }
    }

    @Test
    void throughputReportsAPositiveRateBothWays() {
        for (String direction : new String[] {"up", "down"}) {
            Map<String, Object> result = run("throughput", "--direction", direction, "--streams", "2");
            assertThat((Double) result.get("mbps")).as(direction).isPositive();
            assertThat(result.get("direction")).isEqualTo(direction);
        }
    }

    @Test
    void latencyReportsOrderedPercentiles() {
        Map<String, Object> result = run("latency");
        assertThat((Double) result.get("count")).isPositive();
        assertThat((Double) result.get("p50Us")).isPositive();
        assertThat((Double) result.get("p99Us")).isGreaterThanOrEqualTo((Double) result.get("p50Us"));
        assertThat((Double) result.get("p999Us")).isGreaterThanOrEqualTo((Double) result.get("p99Us"));
    }

    @Test
    void connrateCountsLoginsWithoutErrors() {
        Map<String, Object> result = run("connrate", "--inflight", "4");
        assertThat((Double) result.get("cps")).isPositive();
        assertThat((Double) result.get("errors")).isZero();
    }

    @Test
    void reportComparesTargetsOfTheSameRun(@TempDir Path dir) throws IOException {
        String report = report(dir,
                "{\"mbps\":3000,\"label\":\"direct\",\"name\":\"up1\",\"round\":1}",
                "{\"mbps\":1000,\"label\":\"haproxy\",\"name\":\"up1\",\"round\":1}",
                "{\"mbps\":1000,\"label\":\"haproxy\",\"name\":\"up1\",\"round\":2}",
                "{\"mbps\":1000,\"label\":\"haproxy\",\"name\":\"up1\",\"round\":3}",
                "{\"mbps\":1100,\"label\":\"gamma\",\"name\":\"up1\",\"round\":1}",
                "{\"mbps\":900,\"label\":\"gamma\",\"name\":\"up1\",\"round\":2}",
                "{\"mbps\":1300,\"label\":\"gamma\",\"name\":\"up1\",\"round\":3}",
                "{\"label\":\"gamma\",\"name\":\"down1\",\"round\":1,\"error\":\"exit 1\"}",
                "{\"count\":50,\"p50Ms\":9.5,\"p99Ms\":24,\"maxMs\":24,\"coldMs\":228,\"label\":\"gamma-cluster\","
                        + "\"name\":\"cluster-kick\",\"round\":1}");

        assertThat(report).contains("# Gamma benchmark, 2025-01-01")
                .containsPattern("single stream up, MB/s +\\| +3000 \\| +1000 \\| +1100 \\| +0\\.37× \\| +1\\.10× \\|")
                // the medians' ratio decides; beside it, the lowest and highest of the rounds' own ratios
                .containsPattern("single stream up vs HAProxy +\\| ≥ 1\\.0× +\\| 1\\.10× +\\| 0\\.90–1\\.30× +\\| pass")
                .contains("down1 on gamma (round 1): exit 1")
                // the cold first kick apart from the samples' percentiles
                .containsPattern("kick sent to node B until the socket on node A closes +\\| +50 \\| +9\\.50 \\| +24\\.0 \\| "
                        + "+24\\.0 \\| +228 \\|")
                .containsPattern("cluster: kick across nodes, p99 +\\| ≤ 200 ms +\\| 24\\.0 ms +\\| – +\\| pass");
    }

    @Test
    void reportJudgesSpliceAgainstForcedSpliceAndTheTransportAB(@TempDir Path dir) throws IOException {
        String report = report(dir,
                "{\"mbps\":800,\"label\":\"haproxy-splice-forced\",\"name\":\"up1\",\"round\":1}",
                "{\"mbps\":1200,\"label\":\"gamma-splice\",\"name\":\"up1\",\"round\":1}",
                "{\"mbps\":700,\"label\":\"gamma-splice\",\"name\":\"down1\",\"round\":1}",
                "{\"mbps\":1000,\"label\":\"haproxy-splice-forced\",\"name\":\"down1\",\"round\":1}",
                "{\"mbps\":999,\"label\":\"gamma-splice\",\"name\":\"up64\",\"round\":1}",
                "{\"mbps\":1000,\"label\":\"haproxy-splice-forced\",\"name\":\"up64\",\"round\":1}",
                "{\"cps\":8000,\"cpuProxy\":80,\"label\":\"haproxy\",\"name\":\"connrate\",\"round\":1}",
                "{\"cps\":6000,\"cpuProxy\":60,\"label\":\"gamma\",\"name\":\"connrate\",\"round\":1}",
                "{\"cps\":5000,\"cpuProxy\":60,\"label\":\"gamma-epoll\",\"name\":\"connrate\",\"round\":1}");

        assertThat(report)
                // one round: no range beside the verdict
                .containsPattern("single stream up, splice vs HAProxy forced splice +\\| ≥ 1\\.0× +\\| 1\\.50× +\\| – +\\| pass")
                .containsPattern("single stream down, splice vs HAProxy forced splice +\\| ≥ 1\\.0× +\\| 0\\.70× +\\| – +\\| miss by 30 %")
                // a miss under 1 % says by how much
                .containsPattern("64 streams up, splice vs HAProxy forced splice +\\| ≥ 1\\.0× +\\| 1\\.00× +\\| – +\\| miss by 0\\.1 %")
                // 60 % of a core for 6,000 logins a second (io_uring, the default): 100 µs each; 5,000 on epoll: 120 µs
                .containsPattern("proxy CPU per login +\\| ≤ 90 µs +\\| 100 µs +\\| – +\\| miss by 11 %")
                .containsPattern("proxy CPU per login on epoll +\\| ≤ 90 µs +\\| 120 µs +\\| – +\\| miss by 33 %")
                .containsPattern("logins/s vs HAProxy +\\| ≥ 1\\.0× +\\| 0\\.75× +\\| – +\\| miss by 25 %")
                .containsPattern("proxy CPU per login, µs +\\| +100 \\| +– \\| +100 \\| +120 \\| +– \\| +1\\.00× \\| +1\\.20× \\| +0\\.83× \\|");
    }

    /** The report of {@code lines}, as {@code report} writes it; its exit code must be 0. */
    private static String report(Path dir, String... lines) throws IOException {
        Path results = Files.write(dir.resolve("results.jsonl"), List.of(lines));
        Path out = dir.resolve("report.md");
        int code = LoadTool.run(new String[] {"report", "--results", results.toString(), "--out", out.toString(),
                "--date", "2025-01-01"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
        assertThat(code).isZero();
        return Files.readString(out);
    }

    private Map<String, Object> run(String... args) {
        String[] full = new String[args.length + 7];
        System.arraycopy(args, 0, full, 0, 1);
        System.arraycopy(new String[] {"--target", "127.0.0.1:" + upstream.port(), "--warmup", "0.1",
                "--seconds", "0.3"}, 0, full, 1, 6);
        System.arraycopy(args, 1, full, 7, args.length - 1);
        full[full.length - 1] = "--timeout=20";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTool.run(full, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).doesNotContain("\n");
        return Json.parseFlat(line);
    }
}
