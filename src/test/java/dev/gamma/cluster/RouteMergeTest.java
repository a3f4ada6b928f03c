package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.gamma.route.RouteJson;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The merge of one node's routes into the shared table, on maps that hold what Hazelcast would (sealed bytes,
 * compared by the value read before each compare-and-set).
 */
class RouteMergeTest {
    private static final String HOST = "play.example.com";

    private final Sealer sealer = SealerTest.sealer(SealerTest.A);
    private final ClusterRejections rejections = new ClusterRejections();
    private final Map<String, Object> routeValues = new ConcurrentHashMap<>();
    private final Map<String, Object> tombstoneValues = new ConcurrentHashMap<>();
    private final SealedMap routes = new SealedMap(map(HazelcastRouteStore.MAP, routeValues), sealer, rejections,
            ClusterRejections.Kind.ROUTE);
    private final SealedMap tombstones = new SealedMap(map(HazelcastRouteStore.TOMBSTONES, tombstoneValues), sealer,
            rejections, ClusterRejections.Kind.TOMBSTONE);
    private final RouteMerge merge = new RouteMerge(routes, tombstones);

    @Test
    void aFileRouteGoesWhereThereIsNoRouteOrAnotherFileRoute() {
        merge.file(file("10.0.0.1:1", 1));
        assertThat(stored()).isEqualTo(file("10.0.0.1:1", 1));

        merge.file(file("10.0.0.2:1", 2)); // the file changed
        assertThat(stored()).isEqualTo(file("10.0.0.2:1", 2));
    }

    @Test
    void aFileRouteNeverReplacesAnApiRoute() {
        merge.persisted(List.of(saved(api("10.0.0.1:1", 5))));

        merge.file(file("10.0.0.2:1", 9));

        assertThat(stored()).isEqualTo(api("10.0.0.1:1", 5));
    }

    @Test
    void theSameFileRouteWithANewerStampIsNotWrittenAgain() {
        merge.file(file("10.0.0.1:1", 1));
        Object before = routeValues.get(HOST);

        merge.file(file("10.0.0.1:1", 2));

        assertThat(routeValues.get(HOST)).isSameAs(before);
    }

    @Test
    void aPersistedApiRouteReplacesAnOlderOneAndYieldsToANewerOne() {
        merge.persisted(List.of(saved(api("10.0.0.1:1", 5))));
        merge.persisted(List.of(saved(api("10.0.0.2:1", 7))));
        assertThat(stored()).isEqualTo(api("10.0.0.2:1", 7));

        merge.persisted(List.of(saved(api("10.0.0.3:1", 6))));
        assertThat(stored()).isEqualTo(api("10.0.0.2:1", 7));
    }

    @Test
    void aPersistedApiRouteOverAFileRouteWins() {
        merge.file(file("10.0.0.1:1", 100));

        merge.persisted(List.of(saved(api("10.0.0.2:1", 5))));

        assertThat(stored()).isEqualTo(api("10.0.0.2:1", 5));
    }

    @Test
    void aPersistedRouteOlderThanItsTombstoneStaysDeletedAndANewerOneComesBack() {
        merge.persisted(List.of(new RoutePersistence.Entry(HOST, null, 10)));
        assertThat(tombstone()).isEqualTo(10);

        merge.persisted(List.of(saved(api("10.0.0.1:1", 9))));
        assertThat(routeValues).isEmpty();

        merge.persisted(List.of(saved(api("10.0.0.1:1", 11))));
        assertThat(stored()).isEqualTo(api("10.0.0.1:1", 11));
    }

    @Test
    void aPersistedDeletionRemovesAnOlderApiRouteAndLeavesANewerOne() {
        merge.persisted(List.of(saved(api("10.0.0.1:1", 5))));

        merge.persisted(List.of(new RoutePersistence.Entry(HOST, null, 4)));
        assertThat(stored()).isEqualTo(api("10.0.0.1:1", 5));

        merge.persisted(List.of(new RoutePersistence.Entry(HOST, null, 6)));
        assertThat(routeValues).isEmpty();
        assertThat(tombstone()).isEqualTo(6);
    }

    @Test
    void aTombstoneOnlyMovesForward() {
        merge.persisted(List.of(new RoutePersistence.Entry(HOST, null, 10)));

        merge.persisted(List.of(new RoutePersistence.Entry(HOST, null, 3)));

        assertThat(tombstone()).isEqualTo(10);
    }

    @Test
    void droppingAFileRouteRecordsItsDeletionLaterThanTheRouteWhateverTheClock() {
        long future = System.currentTimeMillis() + 3_600_000;
        merge.file(file("10.0.0.1:1", future));

        merge.dropFile(file("10.0.0.1:1", future));

        assertThat(routeValues).isEmpty();
        assertThat(tombstone()).isEqualTo(future + 1);
    }

    @Test
    void droppingAFileRouteLeavesWhatWasWrittenThereSince() {
        merge.file(file("10.0.0.1:1", 1));
        merge.persisted(List.of(saved(api("10.0.0.2:1", 5))));

        merge.dropFile(file("10.0.0.1:1", 1));

        assertThat(stored()).isEqualTo(api("10.0.0.2:1", 5));
        assertThat(tombstoneValues).isEmpty();
    }

    @Test
    void aValueThatDoesNotOpenCountsAsNoValueAndIsWrittenOver() {
        routeValues.put(HOST, new byte[] {1, 2, 3});

        merge.file(file("10.0.0.1:1", 1));

        assertThat(stored()).isEqualTo(file("10.0.0.1:1", 1));
        assertThat(rejections.count(ClusterRejections.Kind.ROUTE)).isEqualTo(1);
    }

    @Test
    void aSealedValueThatIsNoRouteIsRejectedCountedAndWrittenOver() {
        JsonObject bad = file("10.0.0.1:1", 1).toJson();
        bad.getJsonObject("route").put("strategy", "fastest");
        routeValues.put(HOST, routes.seal(HOST, bad));

        merge.file(file("10.0.0.2:1", 1));

        assertThat(stored()).isEqualTo(file("10.0.0.2:1", 1));
        assertThat(rejections.count(ClusterRejections.Kind.ROUTE)).isEqualTo(1);
    }

    @Test
    void sameRouteIgnoresStampsButNotTheSource() {
        assertThat(RouteMerge.sameRoute(file("10.0.0.1:1", 1), file("10.0.0.1:1", 2))).isTrue();
        assertThat(RouteMerge.sameRoute(file("10.0.0.1:1", 1), api("10.0.0.1:1", 1))).isFalse();
        assertThat(RouteMerge.sameRoute(file("10.0.0.1:1", 1), file("10.0.0.2:1", 1))).isFalse();
    }

    private static SharedRoute file(String backend, long updatedAt) {
        return new SharedRoute(HOST, ClusterFixture.route(HOST, backend), SharedRoute.Source.FILE, updatedAt);
    }

    private static SharedRoute api(String backend, long updatedAt) {
        return new SharedRoute(HOST, ClusterFixture.route(HOST, backend), SharedRoute.Source.API, updatedAt);
    }

    private static RoutePersistence.Entry saved(SharedRoute route) {
        return new RoutePersistence.Entry(route.host(), route.route(), route.updatedAt());
    }

    private SharedRoute stored() {
        return SharedRoute.fromJson(routes.open(HOST, routeValues.get(HOST), "test"));
    }

    private long tombstone() {
        return tombstones.open(HOST, tombstoneValues.get(HOST), "test").getLong("deletedAt");
    }

    /** The few calls the merge makes, on a plain map: compare-and-set compares the very value read before. */
    @SuppressWarnings("unchecked")
    private static IMap<String, Object> map(String name, Map<String, Object> values) {
        return (IMap<String, Object>) Proxy.newProxyInstance(IMap.class.getClassLoader(), new Class<?>[] {IMap.class},
                (proxy, method, args) -> switch (method.getName() + "/" + (args == null ? 0 : args.length)) {
                    case "getName/0" -> name;
                    case "get/1" -> values.get(args[0]);
                    case "putIfAbsent/2" -> values.putIfAbsent((String) args[0], args[1]);
                    case "replace/3" -> values.replace((String) args[0], args[1], args[2]);
                    case "remove/2" -> values.remove(args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
