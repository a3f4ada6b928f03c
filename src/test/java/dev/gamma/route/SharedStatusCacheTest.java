package dev.gamma.route;

import static dev.gamma.route.Routes.backend;
import static dev.gamma.route.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The status cache with answers shared between nodes: who pings the backend, who serves the shared answer. */
class SharedStatusCacheTest {
    private static final long TTL = 10_000;
    private static final int KNOWN = 765;
    private static final String ANSWER = "{\"description\":\"from the backend\"}";

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<Promise<String>> pings = new ArrayList<>();
    private final StatusCache.Fetcher fetcher = (route, protocol) -> {
        Promise<String> ping = Promise.promise();
        pings.add(ping);
        return ping.future();
    };
    private final MemoryShare owner = new MemoryShare(0);
    private final Route route = Routes.withTtl(route("play.test", backend(1)), Duration.ofMillis(TTL));
    private final String key = SharedStatus.key(route, KNOWN);

    private StatusCache cache(MemoryShare share) {
        return new StatusCache(fetcher, share, now::get);
    }

    private void shareAnswer(String json, long fetchedAt) {
        owner.values.put(key, new SharedStatus(json, fetchedAt).toJson());
    }

    @Test
    void aNodeWithNothingSharedAsksTheBackendAndSharesTheAnswer() {
        StatusCache cache = cache(owner.node(2));
        Future<String> status = cache.get(route, KNOWN);
        pings.get(0).complete(ANSWER);

        assertThat(status.result()).isEqualTo(ANSWER);
        assertThat(SharedStatus.read(owner.get(key), now.get())).isEqualTo(new SharedStatus(ANSWER, now.get()));
    }

    @Test
    void anotherNodesFreshAnswerIsServedWithoutAPing() {
        shareAnswer(ANSWER, now.get() - 1_000);
        StatusCache cache = cache(owner.node(1));

        assertThat(cache.get(route, KNOWN).result()).isEqualTo(ANSWER);
        assertThat(cache.get(route, KNOWN).result()).isEqualTo(ANSWER);
        assertThat(pings).isEmpty();
        assertThat(cache.sharedHits()).isEqualTo(2);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void theOwnerRefreshesAStaleKeyWhileServingTheStaleAnswer() {
        StatusCache cache = cache(owner);
        shareAnswer(ANSWER, now.get());
        now.addAndGet(TTL);

        assertThat(cache.get(route, KNOWN).result()).isEqualTo(ANSWER);
        assertThat(cache.get(route, KNOWN).result()).isEqualTo(ANSWER);
        assertThat(pings).as("one refresh in flight").hasSize(1);
        pings.get(0).complete("{\"v\":2}");
        assertThat(cache.get(route, KNOWN).result()).isEqualTo("{\"v\":2}");
        assertThat(SharedStatus.read(owner.get(key), now.get()).json()).isEqualTo("{\"v\":2}");
    }

    @Test
    void aNonOwnerServesTheStaleAnswerAndWaitsForTheOwnersRefresh() {
        StatusCache cache = cache(owner.node(1));
        shareAnswer(ANSWER, now.get());
        now.addAndGet(TTL + TTL / 2);

        assertThat(cache.get(route, KNOWN).result()).isEqualTo(ANSWER);
        assertThat(pings).isEmpty();
        shareAnswer("{\"v\":2}", now.get());
        assertThat(cache.get(route, KNOWN).result()).isEqualTo("{\"v\":2}");
        assertThat(pings).isEmpty();
    }

    @Test
    void theNextNodeInLineTakesOverAnOverdueKeyAndTheOneAfterItWaitsLonger() {
        StatusCache second = cache(owner.node(1));
        StatusCache third = cache(owner.node(2));
        shareAnswer(ANSWER, now.get());
        now.addAndGet(2 * TTL);

        assertThat(third.get(route, KNOWN).result()).isEqualTo(ANSWER);
        assertThat(pings).as("third in line waits a TTL more").isEmpty();
        assertThat(second.get(route, KNOWN).result()).isEqualTo(ANSWER);
        assertThat(pings).as("the owner is silent: second in line pings").hasSize(1);
        pings.get(0).complete("{\"v\":2}");

        assertThat(third.get(route, KNOWN).result()).isEqualTo("{\"v\":2}");
        assertThat(pings).hasSize(1);
    }

    @Test
    void threeNodesAskedEverySecondPingTheBackendOncePerTtl() {
        List<StatusCache> nodes = List.of(cache(owner), cache(owner.node(1)), cache(owner.node(2)));
        long start = now.get();
        for (int second = 0; second < 60; second++) {
            for (StatusCache node : nodes) {
                node.get(route, KNOWN);
                pings.stream().filter(p -> !p.future().isComplete()).forEach(p -> p.complete(ANSWER));
            }
            now.addAndGet(1_000);
        }
        long ttls = (now.get() - start) / TTL;
        assertThat(pings).as("pings in %d TTLs", ttls).hasSizeLessThanOrEqualTo((int) ttls + 1);
    }

    @Test
    void withoutTheOwnerTheFleetStillPingsAboutOncePerTtlPlusTheGrace() {
        List<StatusCache> nodes = List.of(cache(owner.node(1)), cache(owner.node(2)));
        for (int second = 0; second < 60; second++) {
            for (StatusCache node : nodes) {
                node.get(route, KNOWN);
                pings.stream().filter(p -> !p.future().isComplete()).forEach(p -> p.complete(ANSWER));
            }
            now.addAndGet(1_000);
        }
        assertThat(pings).as("one per two TTLs, after the first").hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void afterAChangeOfConfigurationAnAnswerFetchedBeforeItIsNotTakenFromTheShare() {
        StatusCache cache = cache(owner.node(1));
        shareAnswer(ANSWER, now.get());
        cache.get(route, KNOWN);
        now.addAndGet(1);
        cache.clear();

        Future<String> status = cache.get(route, KNOWN);
        assertThat(pings).as("the backend, stopped for maintenance, is asked").hasSize(1);
        pings.get(0).fail("connection refused");
        assertThat(status.failed()).as("so the caller shows the fallback").isTrue();

        now.addAndGet(1);
        shareAnswer("{\"v\":\"after\"}", now.get());
        assertThat(cache.get(route, KNOWN).result()).isEqualTo("{\"v\":\"after\"}");
        assertThat(pings).hasSize(1);
    }

    /**
     * A ping already under way when the configuration changed answers its callers, but is taken for an answer from
     * before the change: neither this node nor the fleet serves it afterwards.
     */
    @Test
    void anAnswerAskedForBeforeAChangeOfConfigurationIsNotKeptAfterIt() {
        StatusCache cache = cache(owner.node(2));
        Future<String> asked = cache.get(route, KNOWN);
        now.addAndGet(1);
        cache.clear();
        now.addAndGet(1);
        pings.get(0).complete("{\"v\":\"before\"}");

        assertThat(asked.result()).isEqualTo("{\"v\":\"before\"}");
        MemoryShare fleet = owner.node(1);
        assertThat(SharedStatus.read(fleet.get(key), now.get()))
                .as("what another node would take from the share").satisfiesAnyOf(
                        shared -> assertThat(shared).isNull(),
                        shared -> assertThat(shared.fetchedAt()).isLessThan(now.get() - 1));
        Future<String> after = cache.get(route, KNOWN);
        assertThat(pings).as("the backend is asked again").hasSize(2);
        pings.get(1).complete(ANSWER);
        assertThat(after.result()).isEqualTo(ANSWER);
    }

    @Test
    void aNewBackendIsANewKeyNotTheOldAnswer() {
        shareAnswer(ANSWER, now.get());
        Route moved = Routes.withTtl(route("play.test", backend(2)), Duration.ofMillis(TTL));
        StatusCache cache = cache(owner.node(1));

        Future<String> status = cache.get(moved, KNOWN);
        assertThat(pings).hasSize(1);
        pings.get(0).complete("{\"v\":\"moved\"}");
        assertThat(status.result()).isEqualTo("{\"v\":\"moved\"}");
    }

    @Test
    void versionsTheNodeDoesNotKnowAreNeitherSharedNorReadFromTheShare() {
        StatusCache cache = cache(owner);
        for (int protocol = 100_000; protocol < 100_000 + StatusCache.MAX_ENTRIES * 2; protocol++) {
            cache.get(route, protocol);
        }
        pings.forEach(p -> p.tryComplete(ANSWER));

        assertThat(owner.puts).isEmpty();
        assertThat(cache.size()).isLessThanOrEqualTo(StatusCache.MAX_ENTRIES);
    }

    @Test
    void anAnswerTooLargeToShareIsServedButKeptHere() {
        String large = new JsonObject().put("favicon", "x".repeat(SharedStatus.MAX_JSON_CHARS)).encode();
        StatusCache cache = cache(owner);
        Future<String> status = cache.get(route, KNOWN);
        pings.get(0).complete(large);

        assertThat(status.result()).isEqualTo(large);
        assertThat(owner.puts).isEmpty();
    }

    @Test
    void hostileSharedValuesAreNeverServedAndTheNodeAsksTheBackendItself() {
        long at = now.get();
        Map<String, JsonObject> hostile = Map.of(
                "json not a string", new JsonObject().put("json", new JsonObject()).put("fetchedAt", at),
                "json not an object", new JsonObject().put("json", "[1,2]").put("fetchedAt", at),
                "json not JSON", new JsonObject().put("json", "{\"description\":").put("fetchedAt", at),
                "json too large", new JsonObject().put("json",
                        "{\"a\":\"" + "x".repeat(SharedStatus.MAX_JSON_CHARS) + "\"}").put("fetchedAt", at),
                "fetchedAt a string", new JsonObject().put("json", ANSWER).put("fetchedAt", "" + at),
                "fetchedAt far ahead", new JsonObject().put("json", ANSWER).put("fetchedAt", at + 3_600_000),
                "fetchedAt negative", new JsonObject().put("json", ANSWER).put("fetchedAt", -1),
                "no fetchedAt", new JsonObject().put("json", ANSWER));
        hostile.forEach((what, value) -> {
            pings.clear();
            owner.values.put(key, value);
            StatusCache cache = cache(owner.node(1));
            Future<String> status = cache.get(route, KNOWN);
            assertThat(pings).as(what).hasSize(1);
            pings.get(0).complete(ANSWER);
            assertThat(status.result()).as(what).isEqualTo(ANSWER);
            assertThat(SharedStatus.read(owner.get(key), now.get())).as(what + ": put right").isNotNull();
        });
    }

    @Test
    void anAnswerStampedALittleAheadCountsAsFetchedNow() {
        shareAnswer(ANSWER, now.get() + 20_000);
        StatusCache cache = cache(owner);
        assertThat(cache.get(route, KNOWN).result()).isEqualTo(ANSWER);

        now.addAndGet(TTL);
        cache.get(route, KNOWN);
        assertThat(pings).as("stale a TTL after it arrived, not a TTL after its stamp").hasSize(1);
    }

    @Test
    void theLastGoodAnswerStaysWhenTheOwnersRefreshFails() {
        StatusCache cache = cache(owner);
        shareAnswer(ANSWER, now.get());
        now.addAndGet(5 * TTL);
        cache.get(route, KNOWN);
        pings.get(0).fail("connection refused");

        assertThat(cache.get(route, KNOWN).result()).isEqualTo(ANSWER);
    }

    @Test
    void aKeyNoNodeEverGotAnAnswerForFails() {
        StatusCache cache = cache(owner.node(1));
        Future<String> status = cache.get(route, KNOWN);
        pings.get(0).fail("connection refused");
        assertThat(status.failed()).isTrue();
        assertThat(owner.values).isEmpty();
    }
}
