package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.WebhookConfig;
import dev.gamma.testkit.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WebhookQueue}'s bounds against a receiver that never answers, and its signature. */
class WebhookQueueTest {
    private final AtomicInteger open = new AtomicInteger();
    private Vertx vertx;
    private HttpClient client;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient();
        port = Await.await(vertx.createHttpServer().requestHandler(request -> open.incrementAndGet())
                .listen(0, "127.0.0.1")).actualPort();
    }

    @AfterEach
    void stop() {
        Await.await(vertx.close());
    }

    @Test
    void aReceiverThatNeverAnswersLeavesAtMostTheCapacityWaiting() {
        WebhookCounters counters = counters();
        var settings = new WebhookQueue.Settings(100, 2, 3, Duration.ofSeconds(30), Duration.ofSeconds(1));
        WebhookQueue queue = new WebhookQueue(new WebhookConfig("http://127.0.0.1:" + port + "/never",
                List.of("login"), ""), client, vertx.getOrCreateContext(), settings, counters);
        int offered = 5_000;
        for (int i = 0; i < offered; i++) {
            queue.offer(new JsonObject().put("event", "login").put("name", "p" + i));
            assertThat(queue.waiting()).isLessThanOrEqualTo(100);
        }
        Await.until(Duration.ofSeconds(15), "two posts held open", () -> open.get() == 2);
        // two taken out to post, the rest waiting; everything else offered was dropped and counted
        assertThat(counters.droppedFull().count()).isBetween(offered - 102.0, offered - 100.0);
        assertThat(queue.waiting()).isEqualTo(offered - (int) counters.droppedFull().count() - 2);
        assertThat(open.get()).isEqualTo(2); // no more than the concurrency, however much waits
        queue.close();
        assertThat(queue.waiting()).isZero();
        queue.offer(new JsonObject().put("event", "login"));
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void theSignatureIsTheHexHmacOfTheBody() {
        // RFC 4231 test case 2
        assertThat(WebhookQueue.signature("Jefe", Buffer.buffer("what do ya want for nothing?")))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    private static WebhookCounters counters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new WebhookCounters(registry.counter("ok"), registry.counter("failed"), registry.counter("full"),
                registry.counter("undelivered"));
    }
}
