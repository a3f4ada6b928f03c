package dev.gamma.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How busy named CPU cores were over the measured stretch, whoever kept them busy, from {@code /proc/stat}:
 * next to a process's own CPU it shows how much of its core other processes (or interrupts) took.
 */
final class CoreWatch {
    private final Map<String, Integer> cores = new LinkedHashMap<>();
    private final Map<String, long[]> start = new LinkedHashMap<>();

    /** {@code spec}: {@code name=cpu,name=cpu}, e.g. {@code load=0,proxy=1}; empty watches nothing. */
    CoreWatch(String spec) {
        if (!spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] pair = entry.split("=", 2);
                if (pair.length != 2 || !pair[1].strip().matches("\\d+")) {
                    throw new Options.UsageException("--cores takes name=cpu,name=cpu, not '" + spec + "'");
                }
                cores.put(pair[0].strip(), Integer.parseInt(pair[1].strip()));
            }
        }
    }

    void start() {
        cores.forEach((name, cpu) -> start.put(name, ticks(cpu)));
    }

    /** Adds {@code coreLoad}, {@code coreProxy}, ...: percent of the time that core was not idle. */
    void stop(Json out) {
        cores.forEach((name, cpu) -> {
            long[] before = start.get(name);
            long[] after = ticks(cpu);
            double percent = before == null || after == null || after[1] == before[1] ? Double.NaN
                    : 100.0 * (after[0] - before[0]) / (after[1] - before[1]);
            out.put("core" + Character.toUpperCase(name.charAt(0)) + name.substring(1), percent);
        });
    }

    /** Busy and total ticks of one core, or null when /proc/stat does not say. */
    static long[] ticks(int cpu) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            for (String line : lines) {
                if (line.startsWith("cpu" + cpu + " ")) {
                    String[] f = line.trim().split("\\s+");
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    long total = 0;
                    for (int i = 1; i <= 8 && i < f.length; i++) {
                        total += Long.parseLong(f[i]);
                    }
                    return new long[] {total - idle, total};
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
