package dev.gamma.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The run's report: the machine, the medians of every measurement per target, ratios to direct and to
 * HAProxy of the same run, the proxy's CPU, and the project's performance targets with pass or miss.
 */
final class Report {
    static final String DIRECT = "direct";
    static final String HAPROXY = "haproxy";
    static final String HAPROXY_SPLICE = "haproxy-splice";
    /** HAProxy splicing every transfer (option splice-request + splice-response), not only those splice-auto picks. */
    static final String HAPROXY_SPLICE_FORCED = "haproxy-splice-forced";
    static final String GAMMA = "gamma";
    /** Gamma as {@link #GAMMA}, its event loops on epoll ({@code relay.transport: epoll}) instead of io_uring. */
    static final String GAMMA_EPOLL = "gamma-epoll";
    static final String GAMMA_SPLICE = "gamma-splice";
    static final String GAMMA_FRAMED = "gamma-framed";
    /** Gamma in a cluster of one, without and with the fleet's shared features (see bench/run.sh). */
    static final String GAMMA_CLUSTERED = "gamma-clustered";
    static final String GAMMA_FLEET = "gamma-fleet";
    /** One minimal login relay on Vert.x NetServers, and on bare channels as Gamma's (dev.gamma.bench.netserver). */
    static final String NETSERVER = "netserver";
    static final String BARE = "bare";
    static final String CLUSTER = "gamma-cluster";

    /** One row of the main table: a measurement ({@code name}) and the field of it that is shown. */
    record Row(String title, String name, String field) {}

    static final List<Row> ROWS = List.of(
            new Row("single stream up, MB/s", "up1", "mbps"),
            new Row("single stream down, MB/s", "down1", "mbps"),
            new Row("64 streams up, MB/s", "up64", "mbps"),
            new Row("64 streams down, MB/s", "down64", "mbps"),
            new Row("logins/s, 32 in flight", "connrate", "cps"),
            new Row("ping-pong p50, µs", "latency", "p50Us"),
            new Row("ping-pong p99, µs", "latency", "p99Us"),
            new Row("ping-pong p99.9, µs", "latency", "p999Us"),
            new Row("idle: memory per connection, KiB", "idle", "totalKiB"),
            new Row("idle: of which live heap, KiB", "idle", "heapKiB"),
            new Row("idle: resident set growth, KiB", "idle", "rssKiB"));

    /** Other work on the proxy's core above this (percent of it) is reported as a busy machine. */
    static final double NOISE_PERCENT = 15;

    private final ResultSet results;
    private final List<String> targets = new ArrayList<>();

    Report(ResultSet results) {
        this.results = results;
        for (String label : List.of(DIRECT, HAPROXY, HAPROXY_SPLICE, HAPROXY_SPLICE_FORCED, GAMMA, GAMMA_EPOLL,
                GAMMA_SPLICE, GAMMA_FRAMED, GAMMA_CLUSTERED, GAMMA_FLEET, NETSERVER, BARE)) {
            if (results.labels().contains(label)) {
                targets.add(label);
            }
        }
    }

    static Json run(Path resultsFile, Path machineFile, Path out, String date, PrintStream print)
            throws IOException {
        Report report = new Report(ResultSet.read(resultsFile));
        String machine = machineFile != null && Files.exists(machineFile) ? Files.readString(machineFile) : "";
        String text = report.render(date, machine);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text);
        }
        print.print(text);
        return new Json().put("mode", "report").put("out", String.valueOf(out));
    }

    String render(String date, String machine) {
        StringBuilder md = new StringBuilder("# Gamma benchmark, " + date + "\n\n");
        md.append("Produced by `bench/run.sh`; how to read it: [docs/benchmark.md](../../docs/benchmark.md). ")
                .append("Figures are medians over the rounds; every target was measured in the same run, ")
                .append("interleaved.\n\n");
        if (!machine.isBlank()) {
            md.append("## Machine and settings\n\n```\n").append(machine.strip()).append("\n```\n\n");
        }
        md.append("## Results\n\n").append(mainTable()).append('\n');
        md.append("## Proxy CPU (% of one core) during each measurement\n\n").append(cpuTable()).append('\n');
        md.append("## Work per proxy CPU\n\n").append(workPerCpu()).append('\n');
        md.append("## Is the load side the bottleneck?\n\n").append(loadSide()).append('\n');
        String cluster = clusterTable();
        if (!cluster.isEmpty()) {
            md.append("## Cluster (3 nodes on loopback)\n\n").append(cluster).append('\n');
        }
        md.append("## Targets\n\n").append(new TargetChecks(results).table()).append('\n');
        if (!results.errors().isEmpty()) {
            md.append("## Errors\n\n");
            results.errors().forEach(e -> md.append("- ").append(e).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private String mainTable() {
        List<String> header = new ArrayList<>(List.of("measurement"));
        header.addAll(targets);
        List<String[]> ratios = List.of(
                new String[] {GAMMA, DIRECT}, new String[] {GAMMA, HAPROXY},
                new String[] {GAMMA_SPLICE, HAPROXY_SPLICE}, new String[] {GAMMA_SPLICE, HAPROXY_SPLICE_FORCED},
                new String[] {GAMMA, GAMMA_EPOLL}, new String[] {GAMMA_EPOLL, HAPROXY},
                new String[] {GAMMA_FRAMED, GAMMA},
                new String[] {BARE, NETSERVER}, new String[] {GAMMA, NETSERVER}, new String[] {GAMMA, BARE});
        List<String[]> shown = ratios.stream()
                .filter(r -> targets.contains(r[0]) && targets.contains(r[1])).toList();
        shown.forEach(r -> header.add(r[0] + " ÷ " + r[1]));
        TextTable table = new TextTable(header);
        for (Row row : ROWS) {
            List<String> cells = new ArrayList<>(List.of(row.title()));
            for (String target : targets) {
                cells.add(TextTable.number(results.median(target, row.name(), row.field())));
            }
            for (String[] r : shown) {
                cells.add(TextTable.ratio(TextTable.divide(results.median(r[0], row.name(), row.field()),
                        results.median(r[1], row.name(), row.field()))));
            }
            table.row(cells);
        }
        return table.toString();
    }

    /** Each cell: the proxy's own CPU, and how busy its core was in all. */
    private String cpuTable() {
        List<String> header = new ArrayList<>(List.of("measurement"));
        header.addAll(targets.stream().filter(t -> !t.equals(DIRECT)).toList());
        TextTable table = new TextTable(header);
        double othersMax = 0;
        for (Row row : ROWS.subList(0, 6)) {
            List<String> cells = new ArrayList<>(List.of(row.name().equals("latency") ? "ping-pong"
                    : withoutUnit(row.title())));
            for (String target : header.subList(1, header.size())) {
                OptionalDouble own = results.median(target, row.name(), "cpuProxy");
                OptionalDouble core = results.median(target, row.name(), "coreProxy");
                cells.add(TextTable.number(own) + (core.isPresent() ? " / " + TextTable.number(core) : ""));
                if (own.isPresent() && core.isPresent()) {
                    othersMax = Math.max(othersMax, core.getAsDouble() - own.getAsDouble());
                }
            }
            table.row(cells);
        }
        String note = "Each cell: the proxy's own CPU / how busy its core was in all (other processes and "
                + "interrupts included), medians.\n\n";
        if (othersMax > NOISE_PERCENT) {
            note += String.format(Locale.ROOT, "**Busy machine:** work other than the proxy took up to %.0f %% of "
                    + "the proxy's core during a measurement, so the proxies got less CPU than on a quiet "
                    + "machine. Compare ratios, not absolute figures, and prefer a quiet run.%n%n", othersMax);
        }
        return note + table;
    }

    /**
     * What the proxy did with the CPU it got: on a machine where other work takes the proxy's core, the rates
     * above measure the scheduler as much as the proxy, these much less.
     */
    private String workPerCpu() {
        List<String> shown = targets.stream().filter(t -> !t.equals(DIRECT)).toList();
        List<String> header = new ArrayList<>(List.of("measurement"));
        header.addAll(shown);
        List<String[]> ratios = List.of(new String[] {GAMMA, HAPROXY}, new String[] {GAMMA_EPOLL, HAPROXY},
                        new String[] {GAMMA, GAMMA_EPOLL},
                        new String[] {BARE, NETSERVER}, new String[] {GAMMA, NETSERVER}, new String[] {GAMMA, BARE})
                .stream().filter(r -> shown.contains(r[0]) && shown.contains(r[1])).toList();
        ratios.forEach(r -> header.add(r[0] + " ÷ " + r[1]));
        TextTable table = new TextTable(header);
        for (String[] m : List.of(new String[] {"proxy CPU per login, µs", "connrate", ResultSet.CPU_PER_LOGIN},
                new String[] {"single stream up, MB per CPU-second", "up1", ResultSet.MB_PER_CPU_SECOND},
                new String[] {"single stream down, MB per CPU-second", "down1", ResultSet.MB_PER_CPU_SECOND},
                new String[] {"64 streams up, MB per CPU-second", "up64", ResultSet.MB_PER_CPU_SECOND},
                new String[] {"64 streams down, MB per CPU-second", "down64", ResultSet.MB_PER_CPU_SECOND})) {
            List<String> cells = new ArrayList<>(List.of(m[0]));
            for (String target : shown) {
                cells.add(TextTable.number(results.median(target, m[1], m[2])));
            }
            for (String[] r : ratios) {
                cells.add(TextTable.ratio(TextTable.divide(results.median(r[0], m[1], m[2]),
                        results.median(r[1], m[1], m[2]))));
            }
            table.row(cells);
        }
        return "The proxy's CPU time per login, and the bytes it relayed per second of its own CPU (medians over the "
                + "rounds, each round's figure divided by that round's CPU). They leave out how long the proxy "
                + "waited for its core, so they hold better than the rates on a busy machine; lower is better for "
                + "the first row, higher for the others.\n\n" + table;
    }

    private static String withoutUnit(String title) {
        int comma = title.lastIndexOf(", ");
        return comma < 0 ? title : title.substring(0, comma);
    }

    /** The client and the upstream share one core: where they use all of it, the figure is theirs. */
    private String loadSide() {
        TextTable table = new TextTable(List.of("target", "single up MB/s", "load CPU %", "single down MB/s",
                "load CPU %", "64 up MB/s", "load CPU %", "logins/s", "load CPU %"));
        for (String target : targets) {
            List<String> cells = new ArrayList<>(List.of(target));
            for (String[] m : List.of(new String[] {"up1", "mbps"}, new String[] {"down1", "mbps"},
                    new String[] {"up64", "mbps"}, new String[] {"connrate", "cps"})) {
                cells.add(TextTable.number(results.median(target, m[0], m[1])));
                OptionalDouble core = results.median(target, m[0], "coreLoad");
                cells.add(TextTable.number(results.medianSum(target, m[0], "cpuClient", "cpuUpstream"))
                        + (core.isPresent() ? " / " + TextTable.number(core) : ""));
            }
            table.row(cells);
        }
        return "Load CPU = the load tool's client plus the upstream, both pinned to one core (100 % = that core "
                + "is full), then how busy that core was in all. Direct runs show what the load side can drive "
                + "on its own; a proxy figure well below it, with the load side under 100 %, is the proxy's."
                + "\n\n" + table;
    }

    private String clusterTable() {
        if (!results.labels().contains(CLUSTER)) {
            return "";
        }
        TextTable table = new TextTable(List.of("measurement", "samples", "p50 ms", "p99 ms", "max ms",
                "first, cold ms"));
        for (String[] m : List.of(new String[] {"cluster-login", "login on node A visible on node B"},
                new String[] {"cluster-kick", "kick sent to node B until the socket on node A closes"})) {
            table.row(List.of(m[1], TextTable.whole(results.median(CLUSTER, m[0], "count")),
                    TextTable.number(results.median(CLUSTER, m[0], "p50Ms")),
                    TextTable.number(results.median(CLUSTER, m[0], "p99Ms")),
                    TextTable.number(results.median(CLUSTER, m[0], "maxMs")),
                    TextTable.number(results.median(CLUSTER, m[0], "coldMs"))));
        }
        return table.toString();
    }
}
