package dev.gamma.cluster;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.route.RouteJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutePersistenceTest {
    /** data-dir/routes.json as earlier releases wrote it: an API route and a deletion. */
    private static final String EARLIER_RELEASE = """
            [ {
              "host" : "play.example.com",
              "route" : {"host":["play.example.com"],"backends":["127.0.0.1:25566"],"strategy":"first",\
            "proxy-protocol":"none","forwarding":"none","rewrite-host":"","max-players":20,\
            "status":{"cache-ttl":"10000ms","fallback":{"motd":"Server is offline","version":"","favicon":"",\
            "online":0,"max":0}},"messages":{"backend-down":"The server is not reachable right now"},\
            "handlers":[],"inspect":false},
              "updatedAt" : 1700000000000
            }, {
              "host" : "gone.example.com",
              "route" : null,
              "updatedAt" : 1700000000500
            } ]""";

    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFileOfAnEarlierReleaseIsReadAndWrittenBackInTheSameShape() throws Exception {
        Path file = Files.writeString(dataDir.resolve(RoutePersistence.FILE), EARLIER_RELEASE);
        RoutePersistence persistence = new RoutePersistence(vertx, dataDir);

        List<RoutePersistence.Entry> entries = await(persistence.load());

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).route().maxPlayers()).isEqualTo(20);
        assertThat(entries.get(0).updatedAt()).isEqualTo(1_700_000_000_000L);
        assertThat(entries.get(1).deleted()).isTrue();
        await(persistence.save(entries));
        assertThat(new JsonArray(Files.readString(file))).isEqualTo(new JsonArray(EARLIER_RELEASE));
    }

    @Test
    void savesAskedForAtOnceAllSucceedAndTheLastOneAskedForIsWhatStays() throws Exception {
        RoutePersistence persistence = new RoutePersistence(vertx, dataDir);
        List<RoutePersistence.Entry> entries = new java.util.ArrayList<>();
        List<io.vertx.core.Future<Void>> saves = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(new RoutePersistence.Entry("h" + i + ".example.com", RouteJson.decode(
                    "{\"host\":[\"h" + i + ".example.com\"],\"backends\":[\"127.0.0.1:25566\"]}"), i));
            saves.add(persistence.save(entries));
        }
        for (io.vertx.core.Future<Void> save : saves) {
            await(save); // two writes sharing the temporary file made one of them fail
        }
        assertThat(await(persistence.load())).hasSize(20);
    }

    @Test
    void anEntryThatDoesNotReadIsSkippedAndTheOthersKept() throws Exception {
        JsonArray saved = new JsonArray(EARLIER_RELEASE);
        saved.add(saved.getJsonObject(0).copy().put("host", "bad.example.com")); // its route lists another host
        saved.add(new JsonObject().put("host", "odd.example.com")
                .put("route", RouteJson.encode(ClusterFixture.route("odd.example.com", "10.0.0.1:1"))
                        .put("strategy", "fastest")));
        saved.add("not an entry");
        Files.writeString(dataDir.resolve(RoutePersistence.FILE), saved.encode());

        List<RoutePersistence.Entry> entries = await(new RoutePersistence(vertx, dataDir).load());

        assertThat(entries).extracting(RoutePersistence.Entry::host)
                .containsExactly("play.example.com", "gone.example.com");
    }
}
