package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.SharedTable;
import dev.gamma.relay.AntiBot;
import dev.gamma.relay.RateLimiter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class FleetReportsTest {
    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final AtomicLong nanos = new AtomicLong();
    private final Table table = new Table();
    private final List<NodeInfo> members = new CopyOnWriteArrayList<>(List.of(node("self"), node("n2"), node("n3")));
    private final RateLimiter limiter = new RateLimiter(2, 10, nanos::get);
    private final AntiBot antiBot = new AntiBot(new AntiBot.Settings(true, 50, Duration.ofSeconds(30),
            Duration.ofHours(1), Duration.ofSeconds(30), "reconnect"), nanos::get);
    private final FleetReports reports = new FleetReports(table, new Directory(), limiter, antiBot, millis::get);

    @Test
    void eachSecondTheNodeReportsWhatItsAddressesSpentAndWhatAntiBotAdded() {
        for (int i = 0; i < 4; i++) {
            limiter.check("198.51.100.7");
        }
        limiter.check("198.51.100.8");
        antiBot.completed("203.0.113.9");
        reports.tick();
        NodeReport written = NodeReport.read(table.get("self"));
        assertThat(written.seq()).isEqualTo(1);
        assertThat(written.spend()).isEqualTo(Map.of("198.51.100.7", 4));
        assertThat(written.trusted()).containsExactly("203.0.113.9");
        reports.tick();
        assertThat(NodeReport.read(table.get("self")).spend()).as("handed out once").isEmpty();
    }

    @Test
    void anotherNodesReportIsAppliedOnceEvenWhenItArrivesTwice() {
        JsonObject report = report(7, 0, new JsonObject().put("198.51.100.7", 8));
        reports.received("n2", report);
        reports.received("n2", report);
        reports.received("n2", report(6, 0, new JsonObject().put("198.51.100.7", 8)));
        assertThat(admitted("198.51.100.7", 10)).as("10 - 8 tokens").isEqualTo(2);
    }

    @Test
    void ownReportsAreNotAppliedToOwnBuckets() {
        reports.received("self", report(1, 0, new JsonObject().put("198.51.100.7", 8)));
        assertThat(admitted("198.51.100.7", 10)).isEqualTo(10);
    }

    @Test
    void hostileValuesInAReportAreBoundedOrLeftOut() {
        JsonObject spend = new JsonObject().put("198.51.100.7", 1e300).put("198.51.100.8", "lots")
                .put("198.51.100.9", -4).put("not an address\u001b[31m", 5).put("x".repeat(10_000), 5);
        for (int i = 0; i < 5_000; i++) {
            spend.put("10.0." + (i >> 8) + "." + (i & 0xFF), 3);
        }
        JsonObject report = report(1, 1e12, spend).put("trusted", new JsonArray().add(42).add("192.0.2.1")
                .add(new JsonObject()).add("\n192.0.2.2"));
        NodeReport read = NodeReport.read(report);
        assertThat(read.logins()).isEqualTo(NodeReport.MAX_LOGINS);
        assertThat(read.spend()).hasSize(NodeReport.MAX_SPENDERS).containsEntry("198.51.100.7", NodeReport.MAX_SPEND)
                .doesNotContainKeys("198.51.100.8", "198.51.100.9", "not an address\u001b[31m");
        assertThat(read.trusted()).containsExactly("192.0.2.1");
        assertThat(NodeReport.read(new JsonObject().put("seq", "1"))).as("no sequence: ignored").isNull();
        assertThat(NodeReport.read(new JsonObject().put("seq", 1).put("spend", new JsonArray()))
                .spend()).isEmpty();

        reports.received("n2", report);
        // an absurd spend leaves the address as one that flooded this node: it gets in again (10 + 1) / 2 s later
        assertThat(limiter.check("198.51.100.7")).isEqualTo(RateLimiter.Verdict.DROP);
        nanos.addAndGet(Duration.ofMillis(5_500).toNanos());
        assertThat(limiter.check("198.51.100.7")).isEqualTo(RateLimiter.Verdict.ADMIT);
    }

    @Test
    void theNetworksRateIsThisNodesPlusTheLatestOfEveryLiveNodeStillReporting() {
        reports.received("n2", report(1, 30, new JsonObject()));
        reports.received("n3", report(1, 15, new JsonObject()));
        reports.received("gone", report(1, 1000, new JsonObject()));
        for (int i = 0; i < 10; i++) {
            antiBot.observe(0);
        }
        NodeReport own = new NodeReport(1, 1000, 10, Map.of(), List.of(), List.of());
        assertThat(reports.networkRate(own, millis.get())).isEqualTo(55.0);
        millis.addAndGet(FleetReports.FRESH_MILLIS + 1);
        reports.received("n3", report(2, 15, new JsonObject()));
        assertThat(reports.networkRate(own, millis.get())).as("n2 stopped reporting").isEqualTo(25.0);
    }

    @Test
    void aBotAddressAskedOnAnotherNodeIsNotTrustedHereUntilItsLoginCompletes() {
        antiBot.observe(100);
        reports.received("n2", report(1, 0, new JsonObject()).put("pending", new JsonArray().add("198.51.100.7")));
        assertThat(antiBot.check("198.51.100.7")).as("its reconnect passes once").isNull();
        assertThat(antiBot.check("198.51.100.7")).isEqualTo("reconnect");
        reports.tick();
        assertThat(NodeReport.read(table.get("self")).trusted()).isEmpty();
    }

    private int admitted(String address, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.check(address) == RateLimiter.Verdict.ADMIT) {
                admitted++;
            }
        }
        return admitted;
    }

    private static JsonObject report(long seq, double logins, JsonObject spend) {
        return new JsonObject().put("seq", seq).put("period", 1000).put("logins", logins).put("spend", spend)
                .put("trusted", new JsonArray()).put("pending", new JsonArray());
    }

    private static NodeInfo node(String id) {
        return new NodeInfo(id, "127.0.0.1:25565", "127.0.0.1:8080", 0);
    }

    private final class Directory implements NodeDirectory {
        @Override
        public String selfId() {
            return "self";
        }

        @Override
        public List<NodeInfo> nodes() {
            return members;
        }
    }

    private static final class Table implements SharedTable {
        private final Map<String, JsonObject> values = new ConcurrentHashMap<>();

        @Override
        public JsonObject get(String key) {
            return values.get(key);
        }

        @Override
        public Map<String, JsonObject> entries() {
            return values;
        }

        @Override
        public long writtenAt(String key) {
            return 0;
        }

        @Override
        public void put(String key, JsonObject value) {
            values.put(key, value.copy());
        }

        @Override
        public void onChange(BiConsumer<String, JsonObject> listener) {}
    }
}
