package dev.gamma.cluster;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import dev.gamma.route.Backend;
import dev.gamma.route.RouteJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose secret is not the cluster's (a mistake in one node's environment) still serves its own file's
 * routes, however fast the cluster's members put their value back over what it wrote: here the shared map keeps
 * the members' value through every write, as if each write were undone before the node's first read.
 */
class OwnFileRoutesTest {
    private static final String HOST = "play.example.com";

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void aFileRouteThisNodeWroteStandsWhenTheMapHoldsAValueItCannotOpen() {
        Map<String, Object> routeValues = holding(SealerTest.A, route("10.0.0.1:25565"));
        HazelcastRouteStore store = store(SealerTest.B, routeValues);

        await(store.start(List.of(route("10.0.0.2:25565"))));

        assertThat(store.snapshot().get(HOST).route().backends()).containsExactly(new Backend("10.0.0.2", 25565));
        assertThat(store.mirror().damaged()).as("put back by the next sweep").containsExactly(HOST);
    }

    @Test
    void aFileRouteTheMapAlreadyHeldIsTheMapsValue() {
        SharedRoute members = route("10.0.0.1:25565");
        HazelcastRouteStore store = store(SealerTest.A, holding(SealerTest.A, members));

        await(store.start(List.of(new SharedRoute(HOST, members.route(), SharedRoute.Source.FILE, 99))));

        assertThat(store.snapshot().get(HOST)).isEqualTo(members);
        assertThat(store.mirror().damaged()).isEmpty();
    }

    /** The route table as the cluster's members sealed it: {@code route} under its host. */
    private static Map<String, Object> holding(String secret, SharedRoute route) {
        Map<String, Object> values = new ConcurrentHashMap<>();
        SealedMap members = new SealedMap(keepingMap(HazelcastRouteStore.MAP, values), SealerTest.sealer(secret),
                new ClusterRejections(), ClusterRejections.Kind.ROUTE);
        values.put(route.host(), members.seal(route.host(), route.toJson()));
        return values;
    }

    private HazelcastRouteStore store(String secret, Map<String, Object> routeValues) {
        Sealer sealer = SealerTest.sealer(secret);
        ClusterRejections rejections = new ClusterRejections();
        return new HazelcastRouteStore(vertx,
                new SealedMap(keepingMap(HazelcastRouteStore.MAP, routeValues), sealer, rejections,
                        ClusterRejections.Kind.ROUTE),
                new SealedMap(keepingMap(HazelcastRouteStore.TOMBSTONES, new ConcurrentHashMap<>()), sealer,
                        rejections, ClusterRejections.Kind.TOMBSTONE),
                new RoutePersistence(vertx, dir));
    }

    private static SharedRoute route(String backend) {
        return new SharedRoute(HOST, RouteJson.decode(new JsonObject().put("host", List.of(HOST))
                .put("backends", List.of(backend))), SharedRoute.Source.FILE, 1);
    }

    /** A map whose writes all succeed and change nothing: each is undone at once by someone else. */
    @SuppressWarnings("unchecked")
    private static IMap<String, Object> keepingMap(String name, Map<String, Object> values) {
        return (IMap<String, Object>) Proxy.newProxyInstance(IMap.class.getClassLoader(), new Class<?>[] {IMap.class},
                (proxy, method, args) -> switch (method.getName() + "/" + (args == null ? 0 : args.length)) {
                    case "getName/0" -> name;
                    case "get/1" -> values.get(args[0]);
                    case "putIfAbsent/2" -> null;
                    case "replace/3" -> true;
                    case "entrySet/0" -> values.entrySet();
                    case "addEntryListener/2", "addPartitionLostListener/1" -> UUID.randomUUID();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
