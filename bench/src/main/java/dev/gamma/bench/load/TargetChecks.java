package dev.gamma.bench.load;

import static dev.gamma.bench.load.Report.CLUSTER;
import static dev.gamma.bench.load.Report.DIRECT;
import static dev.gamma.bench.load.Report.GAMMA;
import static dev.gamma.bench.load.Report.GAMMA_CLUSTERED;
import static dev.gamma.bench.load.Report.GAMMA_FLEET;
import static dev.gamma.bench.load.Report.GAMMA_FRAMED;
import static dev.gamma.bench.load.Report.GAMMA_SPLICE;
import static dev.gamma.bench.load.Report.HAPROXY;
import static dev.gamma.bench.load.Report.HAPROXY_SPLICE;
import static dev.gamma.bench.load.Report.HAPROXY_SPLICE_FORCED;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The project's performance targets, checked against the medians of one run. */
final class TargetChecks {
    private static final List<String[]> BULK = List.of(new String[] {"up1", "single stream up"},
            new String[] {"down1", "single stream down"}, new String[] {"up64", "64 streams up"},
            new String[] {"down64", "64 streams down"});

    private final ResultSet results;
    private final TextTable table = new TextTable(List.of("target", "goal", "measured", "rounds", "verdict"), 5);

    TargetChecks(ResultSet results) {
        this.results = results;
    }

    String table() {
        for (String[] bulk : BULK) {
            atLeast(bulk[1] + " vs HAProxy", GAMMA, HAPROXY, bulk[0], "mbps", 1.0);
        }
        for (String[] bulk : BULK) {
            atLeast(bulk[1] + ", splice vs HAProxy splice-auto", GAMMA_SPLICE, HAPROXY_SPLICE, bulk[0], "mbps", 0.9);
        }
        for (String[] bulk : BULK) {
            atLeast(bulk[1] + ", splice vs HAProxy forced splice", GAMMA_SPLICE, HAPROXY_SPLICE_FORCED, bulk[0],
                    "mbps", 1.0);
        }
        atLeast("logins/s vs HAProxy", GAMMA, HAPROXY, "connrate", "cps", 1.0);
        atLeast("logins/s on epoll vs HAProxy", Report.GAMMA_EPOLL, HAPROXY, "connrate", "cps", 1.0);
        atMost("proxy CPU per login", "µs", results.median(GAMMA, "connrate", ResultSet.CPU_PER_LOGIN), 90);
        atMost("proxy CPU per login on epoll", "µs",
                results.median(Report.GAMMA_EPOLL, "connrate", ResultSet.CPU_PER_LOGIN), 90);
        atLeast("logins/s, fleet features on vs HAProxy", GAMMA_FLEET, HAPROXY, "connrate", "cps", 1.0);
        atLeast("logins/s, clustered, fleet features on vs off", GAMMA_FLEET, GAMMA_CLUSTERED, "connrate", "cps", 0.95);
        addedLatency();
        atMost("memory per idle relayed connection (heap + native)", "KiB",
                results.median(GAMMA, "idle", "totalKiB"), 8);
        atLeast("framed relay vs raw, single stream up", GAMMA_FRAMED, GAMMA, "up1", "mbps", 0.5);
        atLeast("framed relay vs raw, single stream down", GAMMA_FRAMED, GAMMA, "down1", "mbps", 0.5);
        atMost("cluster: login visible on another node, p99", "ms",
                results.median(CLUSTER, "cluster-login", "p99Ms"), 1000);
        atMost("cluster: kick across nodes, p99", "ms", results.median(CLUSTER, "cluster-kick", "p99Ms"), 200);
        return table.toString();
    }

    /** {@code a}'s median over {@code b}'s, with the range of the same ratio round by round beside it. */
    private void atLeast(String what, String a, String b, String name, String field, double goal) {
        OptionalDouble ratio = TextTable.divide(results.median(a, name, field), results.median(b, name, field));
        String verdict = ratio.isEmpty() ? "not measured"
                : ratio.getAsDouble() >= goal ? "pass"
                : missBy(100 * (1 - ratio.getAsDouble() / goal));
        String rounds = results.roundRatioRange(a, b, name, field)
                .map(range -> range[0] == range[1] ? "–"
                        : String.format(Locale.ROOT, "%.2f–%.2f×", range[0], range[1]))
                .orElse("–");
        table.row(List.of(what, String.format(Locale.ROOT, goal * 10 % 1 == 0 ? "≥ %.1f×" : "≥ %.2f×", goal),
                TextTable.ratio(ratio), rounds, verdict));
    }

    private void atMost(String what, String unit, OptionalDouble value, double goal) {
        String verdict = value.isEmpty() ? "not measured"
                : value.getAsDouble() <= goal ? "pass"
                : missBy(100 * (value.getAsDouble() / goal - 1));
        table.row(List.of(what, String.format(Locale.ROOT, "≤ %.0f %s", goal, unit),
                value.isEmpty() ? "–" : TextTable.number(value) + " " + unit, "–", verdict));
    }

    /** A miss under 1 % keeps a decimal, so that it never reads "miss by 0 %". */
    private static String missBy(double percent) {
        return String.format(Locale.ROOT, percent < 1 ? "miss by %.1f %%" : "miss by %.0f %%", percent);
    }

    /** Gamma's p99 over direct must not exceed HAProxy's p99 over direct. */
    private void addedLatency() {
        OptionalDouble direct = results.median(DIRECT, "latency", "p99Us");
        OptionalDouble gamma = results.median(GAMMA, "latency", "p99Us");
        OptionalDouble haproxy = results.median(HAPROXY, "latency", "p99Us");
        if (direct.isEmpty() || gamma.isEmpty() || haproxy.isEmpty()) {
            table.row(List.of("added p99 latency over direct", "≤ HAProxy's", "–", "–", "not measured"));
            return;
        }
        double ours = gamma.getAsDouble() - direct.getAsDouble();
        double theirs = haproxy.getAsDouble() - direct.getAsDouble();
        String verdict = ours <= theirs ? "pass"
                : String.format(Locale.ROOT, "miss by %.0f µs", ours - theirs);
        table.row(List.of("added p99 latency over direct",
                String.format(Locale.ROOT, "≤ HAProxy's (+%.0f µs)", theirs),
                String.format(Locale.ROOT, "+%.0f µs", ours), "–", verdict));
    }
}
