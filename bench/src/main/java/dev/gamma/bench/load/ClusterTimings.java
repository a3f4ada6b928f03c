package dev.gamma.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Cluster timings through the admin API of another node than the one the player is on: how long until a
 * login on node A shows in node B's {@code GET /api/players/{name}}, and how long from node B's
 * {@code POST /api/players/{name}/kick} until the player's socket on node A closes.
 */
final class ClusterTimings {
    record Settings(Target nodeA, URI adminB, String token, int count, int nodes) {}

    private static final long POLL_MILLIS = 2;
    /**
     * Timed before the samples and left out of them: the first use of each path (the event bus's connection to
     * the other node, code not yet compiled) takes tens of times a later one. The first is reported on its own.
     */
    private static final int COLD = 5;
    private static final long VISIBLE_WITHIN_NANOS = 10_000_000_000L;

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    ClusterTimings(Settings settings) {
        this.settings = settings;
    }

    /** From sending Login Start on node A until node B answers 200 for the player. */
    Json login() throws IOException, InterruptedException {
        awaitNodes();
        Samples samples = new Samples();
        Samples cold = new Samples();
        for (int i = 0; i < COLD + settings.count(); i++) {
            String name = Login.name("sinkL", i);
            long start = System.nanoTime();
            try (SocketChannel ignored = Login.open(settings.nodeA(), name)) {
                (i < COLD ? cold : samples).add(awaitVisible(name) - start);
            }
        }
        return summary("cluster-login", samples, cold);
    }

    /** From sending the kick to node B until the player's connection on node A reads end-of-stream. */
    Json kick() throws IOException, InterruptedException {
        awaitNodes();
        Samples samples = new Samples();
        Samples cold = new Samples();
        byte[] drain = new byte[4096];
        for (int i = 0; i < COLD + settings.count(); i++) {
            String name = Login.name("sinkK", i);
            try (SocketChannel channel = Login.open(settings.nodeA(), name)) {
                awaitVisible(name);
                InputStream in = channel.socket().getInputStream();
                long start = System.nanoTime();
                CompletableFuture<HttpResponse<String>> answer = http.sendAsync(
                        request("/api/players/" + name + "/kick")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"benchmark\"}"))
                                .header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                while (in.read(drain) >= 0) {
                    // a framed session gets a Disconnect packet before the close
                }
                (i < COLD ? cold : samples).add(System.nanoTime() - start);
                HttpResponse<String> response = answer.join();
                if (response.statusCode() != 200) {
                    throw new IOException("kick of " + name + ": HTTP " + response.statusCode() + " " + response.body());
                }
            }
        }
        return summary("cluster-kick", samples, cold);
    }

    /** Waits (up to a minute) until node B's {@code GET /api/nodes} lists the expected number of nodes. */
    private void awaitNodes() throws IOException, InterruptedException {
        HttpRequest request = request("/api/nodes").GET().build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        int seen = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            seen = response.statusCode() == 200 ? response.body().split("\"id\"", -1).length - 1 : 0;
            if (seen >= settings.nodes()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException(settings.adminB() + " lists " + seen + " nodes, not " + settings.nodes());
    }

    /** Polls node B until it lists the player; returns the time it first did. */
    private long awaitVisible(String name) throws IOException, InterruptedException {
        HttpRequest request = request("/api/players/" + name).GET().build();
        long deadline = System.nanoTime() + VISIBLE_WITHIN_NANOS;
        while (true) {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long now = System.nanoTime();
            if (response.statusCode() == 200) {
                return now;
            }
            if (response.statusCode() != 404) {
                throw new IOException("GET /api/players/" + name + ": HTTP " + response.statusCode());
            }
            if (now > deadline) {
                throw new IOException(name + " not visible on " + settings.adminB() + " within 10 s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.adminB().resolve(path))
                .timeout(Duration.ofSeconds(5));
        if (!settings.token().isEmpty()) {
            builder.header("Authorization", "Bearer " + settings.token());
        }
        return builder;
    }

    private Json summary(String mode, Samples samples, Samples cold) {
        return new Json().put("mode", mode).put("count", samples.size())
                .put("p50Ms", samples.percentile(0.50) / 1e6)
                .put("p99Ms", samples.percentile(0.99) / 1e6)
                .put("maxMs", samples.max() / 1e6)
                .put("coldMs", cold.first() / 1e6)
                .put("worstAt", samples.worstAt());
    }
}
