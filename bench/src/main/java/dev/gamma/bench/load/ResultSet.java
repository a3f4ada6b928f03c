package dev.gamma.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The result lines of one run ({@code label} = target, {@code name} = measurement, {@code round}), and the
 * median of a field over the rounds.
 */
final class ResultSet {
    /** Derived for every login run: the proxy's CPU time per login, µs ({@code cpuProxy} over {@code cps}). */
    static final String CPU_PER_LOGIN = "cpuUsPerLogin";
    /** Derived for every throughput run: MB relayed per second of the proxy's CPU ({@code mbps} over {@code cpuProxy}). */
    static final String MB_PER_CPU_SECOND = "mbPerCpuSecond";

    private final Map<String, List<Map<String, Object>>> lines = new LinkedHashMap<>();
    private final Set<String> labels = new LinkedHashSet<>();
    private final List<String> errors = new ArrayList<>();

    static ResultSet read(Path file) throws IOException {
        ResultSet set = new ResultSet();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                set.add(Json.parseFlat(line));
            }
        }
        return set;
    }

    void add(Map<String, Object> line) {
        String label = String.valueOf(line.get("label"));
        String name = String.valueOf(line.get("name"));
        if (line.get("error") != null) {
            errors.add(name + " on " + label + " (round " + format(line.get("round")) + "): " + line.get("error"));
            return;
        }
        labels.add(label);
        if (line.get("cpuProxy") instanceof Double cpu && line.get("cps") instanceof Double cps && cps > 0) {
            line.put(CPU_PER_LOGIN, cpu / 100 * 1_000_000 / cps);
        }
        if (line.get("cpuProxy") instanceof Double cpu && line.get("mbps") instanceof Double mbps && cpu > 0) {
            line.put(MB_PER_CPU_SECOND, mbps / (cpu / 100));
        }
        lines.computeIfAbsent(label + "|" + name, k -> new ArrayList<>()).add(line);
    }

    Set<String> labels() {
        return labels;
    }

    List<String> errors() {
        return errors;
    }

    OptionalDouble median(String label, String name, String field) {
        double[] values = lines.getOrDefault(label + "|" + name, List.of()).stream()
                .map(line -> line.get(field))
                .filter(Double.class::isInstance)
                .mapToDouble(Double.class::cast)
                .sorted()
                .toArray();
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = values.length / 2;
        return OptionalDouble.of(values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
    }

    /** Median of the sum of two fields per line (client + upstream CPU, say). */
    OptionalDouble medianSum(String label, String name, String a, String b) {
        double[] values = lines.getOrDefault(label + "|" + name, List.of()).stream()
                .filter(line -> line.get(a) instanceof Double && line.get(b) instanceof Double)
                .mapToDouble(line -> (Double) line.get(a) + (Double) line.get(b))
                .sorted()
                .toArray();
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = values.length / 2;
        return OptionalDouble.of(values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
    }

    /**
     * The lowest and highest of {@code a}'s field over {@code b}'s, round by round (the rounds both have; targets
     * are measured in turn within a round, so a round's two figures saw the same machine). Empty without one.
     */
    Optional<double[]> roundRatioRange(String a, String b, String name, String field) {
        Map<Object, Double> theirs = new LinkedHashMap<>();
        for (Map<String, Object> line : lines.getOrDefault(b + "|" + name, List.of())) {
            if (line.get(field) instanceof Double value && value > 0) {
                theirs.put(line.get("round"), value);
            }
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Map<String, Object> line : lines.getOrDefault(a + "|" + name, List.of())) {
            Double other = theirs.get(line.get("round"));
            if (other != null && line.get(field) instanceof Double value) {
                low = Math.min(low, value / other);
                high = Math.max(high, value / other);
            }
        }
        return low > high ? Optional.empty() : Optional.of(new double[] {low, high});
    }

    int count(String label, String name) {
        return lines.getOrDefault(label + "|" + name, List.of()).size();
    }

    private static String format(Object value) {
        return value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(value);
    }
}
