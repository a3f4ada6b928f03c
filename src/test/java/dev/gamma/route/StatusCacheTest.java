package dev.gamma.route;

import static dev.gamma.route.Routes.backend;
import static dev.gamma.route.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final List<Promise<String>> pings = new ArrayList<>();
    private final StatusCache cache = new StatusCache((route, protocol) -> {
        Promise<String> ping = Promise.promise();
        pings.add(ping);
        return ping.future();
    }, StatusShare.NONE, now::get);
    private final Route route = Routes.withTtl(route("play.test", backend(1)), Duration.ofSeconds(10));

    @Test
    void concurrentRequestsShareOneBackendPing() {
        Future<String> first = cache.get(route, 765);
        Future<String> second = cache.get(route, 765);
        assertThat(pings).hasSize(1);
        pings.get(0).complete("{\"a\":1}");
        assertThat(first.result()).isEqualTo("{\"a\":1}");
        assertThat(second.result()).isEqualTo("{\"a\":1}");
    }

    @Test
    void everyHitOfAnEntryGetsTheSameBodySoItIsParsedOncePerAnswer() {
        answerFirstPing("{\"players\":{\"online\":1}}");
        StatusBody first = cache.body(route, 765).result();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.body(route, 765).result()).isSameAs(first);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.body(route, 765);
        pings.get(1).complete("{}");
        assertThat(cache.body(route, 765).result()).isNotSameAs(first).extracting(StatusBody::json).isEqualTo("{}");
    }

    @Test
    void freshEntryIsServedWithoutPinging() {
        answerFirstPing("v1");
        now.addAndGet(Duration.ofSeconds(9).toMillis());
        assertThat(cache.get(route, 765).result()).isEqualTo("v1");
        assertThat(pings).hasSize(1);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void staleEntryIsServedAtOnceWhileOneRefreshRuns() {
        answerFirstPing("v1");
        now.addAndGet(Duration.ofSeconds(11).toMillis());
        assertThat(cache.get(route, 765).result()).isEqualTo("v1");
        assertThat(cache.get(route, 765).result()).isEqualTo("v1");
        assertThat(pings).hasSize(2);
        pings.get(1).complete("v2");
        assertThat(cache.get(route, 765).result()).isEqualTo("v2");
    }

    @Test
    void lastGoodStatusStaysWhenTheBackendGoesDown() {
        answerFirstPing("v1");
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        cache.get(route, 765);
        pings.get(1).fail("connection refused");
        assertThat(cache.get(route, 765).result()).isEqualTo("v1");
    }

    @Test
    void neverAnsweredKeyFailsSoTheCallerShowsTheFallback() {
        Future<String> status = cache.get(route, 765);
        pings.get(0).fail("connection refused");
        assertThat(status.failed()).isTrue();
        assertThat(cache.get(route, 765).failed()).as("at once again, without a ping").isTrue();
        assertThat(pings).hasSize(1);
        now.addAndGet(StatusCache.RETRY_MILLIS);
        cache.get(route, 765);
        assertThat(pings).as("a failed key is retried after a second").hasSize(2);
    }

    @Test
    void aBackendThatIsDownIsAskedAboutOnceASecondHoweverManyPingsCome() {
        answerFirstPing("v1");
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        for (int ms = 0; ms < 3_000; ms += 10) {
            assertThat(cache.get(route, 765).result()).isEqualTo("v1");
            pings.get(pings.size() - 1).tryFail("connection refused");
            now.addAndGet(10);
        }
        assertThat(pings).as("the first answer, then one ping a second for 3 s").hasSize(4);
    }

    @Test
    void protocolVersionsAreCachedSeparately() {
        answerFirstPing("for-765");
        Future<String> other = cache.get(route, 47);
        assertThat(pings).hasSize(2);
        pings.get(1).complete("for-47");
        assertThat(other.result()).isEqualTo("for-47");
        assertThat(cache.get(route, 765).result()).isEqualTo("for-765");
    }

    @Test
    void keySpaceStaysBoundedWhatEverProtocolsClientsSend() {
        for (int protocol = 0; protocol < StatusCache.MAX_ENTRIES * 3; protocol++) {
            cache.get(route, protocol);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(StatusCache.MAX_ENTRIES);
    }

    @Test
    void aClientSendingANewUnknownVersionWithEveryPingTakesTheRoomOfNoRealVersionsAnswer() {
        answerFirstPing("for-765");
        for (int protocol = 100_000; protocol < 100_000 + StatusCache.MAX_ENTRIES * 3; protocol++) {
            cache.get(route, protocol);
        }
        int pingsSoFar = pings.size();

        assertThat(cache.get(route, 765).result()).isEqualTo("for-765");
        assertThat(pings).as("answered from the cache, the backend not asked").hasSize(pingsSoFar);
        assertThat(cache.size()).isLessThanOrEqualTo(StatusCache.MAX_ENTRIES);
    }

    @Test
    void theRoomForUnknownVersionsStaysBoundedUnderAnyOrderOfVersions() {
        answerFirstPing("for-765");
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            cache.get(route, 100_000 + random.nextInt(1_000_000));
        }

        assertThat(cache.size()).isLessThanOrEqualTo(1 + StatusCache.MAX_UNKNOWN_VERSIONS);
        assertThat(cache.get(route, 765).result()).isEqualTo("for-765");
    }

    private void answerFirstPing(String json) {
        cache.get(route, 765);
        pings.get(pings.size() - 1).complete(json);
    }
}
