package dev.gamma.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process and of named others (the proxy, the upstream) over the measured stretch, from
 * {@code /proc/PID/stat}; reported as percent of one core. Where there is no /proc the figures are null.
 */
final class CpuWatch {
    private final Map<String, String> processes = new LinkedHashMap<>();
    private final long ticksPerSecond;
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private final CoreWatch cores;
    private long startNanos;

    /** {@code spec}: {@code name=pid,name=pid}; this process is always watched as {@code client}. */
    CpuWatch(String spec, long ticksPerSecond, CoreWatch cores) {
        this.ticksPerSecond = ticksPerSecond;
        this.cores = cores;
        processes.put("client", "self");
        if (!spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] pair = entry.split("=", 2);
                if (pair.length != 2 || !pair[1].strip().matches("\\d+")) {
                    throw new Options.UsageException("--watch takes name=pid,name=pid, not '" + spec + "'");
                }
                processes.put(pair[0].strip(), pair[1].strip());
            }
        }
    }

    static CpuWatch from(Options options) {
        return new CpuWatch(options.string("watch", ""), options.integer("clk-tck", 100, 1, 1_000_000),
                new CoreWatch(options.string("cores", "")));
    }

    void start() {
        startNanos = System.nanoTime();
        processes.forEach((name, pid) -> startTicks.put(name, ticks(pid)));
        cores.start();
    }

    /** Adds {@code cpuClient}, {@code cpuProxy}, ... (percent of one core since {@link #start()}). */
    void stop(Json out) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        processes.forEach((name, pid) -> {
            long before = startTicks.getOrDefault(name, -1L);
            long after = ticks(pid);
            double percent = before < 0 || after < 0 ? Double.NaN
                    : 100.0 * (after - before) / ticksPerSecond / seconds;
            out.put("cpu" + Character.toUpperCase(name.charAt(0)) + name.substring(1), percent);
        });
        cores.stop(out);
    }

    /** utime + stime of a process in clock ticks, or -1 when it cannot be read. */
    static long ticks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // the command name in parentheses may hold spaces: count fields from after its ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
