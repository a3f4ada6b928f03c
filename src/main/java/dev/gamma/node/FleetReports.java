package dev.gamma.node;

import dev.gamma.cluster.NodeDirectory;
import dev.gamma.cluster.NodeInfo;
import dev.gamma.cluster.SharedTable;
import dev.gamma.relay.AntiBot;
import dev.gamma.relay.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Makes the per-IP budget and anti-bot mode fleet-wide without a cluster call on any connection's path. Every second
 * this node writes its {@link NodeReport} under its id in the shared reports table; each report of another node is
 * applied once when it arrives: its addresses' spend is taken off this node's buckets, its trusted and pending
 * addresses are added here. Anti-bot mode watches the network's rate of new logins: this node's own plus the latest
 * report of every live node.
 */
final class FleetReports {
    static final long INTERVAL_MILLIS = 1_000;
    /** A node whose last report is older than this has stopped reporting: its logins no longer count. */
    static final long FRESH_MILLIS = 3_000;

    /** The last report of a node: its rate of logins, and when it came (this node's clock). */
    private record Latest(long seq, double loginsPerSecond, long receivedAt) {}

    private final SharedTable table;
    private final NodeDirectory nodes;
    private final RateLimiter limiter;
    private final AntiBot antiBot;
    private final LongSupplier clock;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private long seq;
    private long lastTick;
    private long timer = -1;

    FleetReports(SharedTable table, NodeDirectory nodes, RateLimiter limiter, AntiBot antiBot, LongSupplier clock) {
        this.table = table;
        this.nodes = nodes;
        this.limiter = limiter;
        this.antiBot = antiBot;
        this.clock = clock;
    }

    void start(Vertx vertx) {
        table.onChange(this::received);
        lastTick = clock.getAsLong();
        timer = vertx.setPeriodic(INTERVAL_MILLIS, t -> tick());
    }

    void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Writes this node's report of the interval just ended and lets anti-bot mode look at the network's rate. */
    void tick() {
        long now = clock.getAsLong();
        long period = Math.max(1, now - lastTick);
        lastTick = now;
        AntiBot.Additions additions = antiBot.takeAdditions();
        NodeReport report = new NodeReport(++seq, period, antiBot.takeLogins(),
                limiter.takeSpend(NodeReport.MAX_SPENDERS), additions.trusted(), additions.pending());
        table.put(nodes.selfId(), report.toJson());
        antiBot.observe(networkRate(report, now));
    }

    /** New logins a second across the network: this node's, and the latest of every live node that still reports. */
    double networkRate(NodeReport own, long now) {
        Set<String> live = nodes.nodes().stream().map(NodeInfo::id).collect(Collectors.toSet());
        double rate = own.loginsPerSecond();
        for (Map.Entry<String, Latest> entry : latest.entrySet()) {
            if (live.contains(entry.getKey()) && now - entry.getValue().receivedAt() <= FRESH_MILLIS) {
                rate += entry.getValue().loginsPerSecond();
            }
        }
        return rate;
    }

    /** A change of the reports table, on whichever thread made it: another node's report is applied once. */
    void received(String node, JsonObject value) {
        if (node.equals(nodes.selfId())) {
            return;
        }
        if (value == null) {
            latest.remove(node);
            return;
        }
        NodeReport report = NodeReport.read(value);
        if (report == null) {
            return;
        }
        long now = clock.getAsLong();
        boolean[] unseen = {false};
        latest.compute(node, (key, before) -> {
            if (before != null && report.seq() <= before.seq()
                    || before == null && latest.size() >= SharedTable.Name.REPORTS.maxEntries()) {
                return before; // applied already, or more nodes than the table holds
            }
            unseen[0] = true;
            return new Latest(report.seq(), report.loginsPerSecond(), now);
        });
        if (!unseen[0]) {
            return;
        }
        report.spend().forEach(limiter::debit);
        report.trusted().forEach(antiBot::trustedElsewhere);
        report.pending().forEach(antiBot::pendingElsewhere);
    }
}
