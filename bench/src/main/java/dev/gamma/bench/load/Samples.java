package dev.gamma.bench.load;

import java.util.Arrays;

/** Recorded values (nanoseconds), kept whole and sorted once for exact percentiles. */
final class Samples {
    private long[] values = new long[1 << 16];
    private int size;
    private boolean sorted;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sorted = false;
    }

    int size() {
        return size;
    }

    /** The smallest recorded value that at least {@code quantile} of the values do not exceed. */
    long percentile(double quantile) {
        if (size == 0) {
            return -1;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(quantile * size);
        return values[Math.min(size, Math.max(1, rank)) - 1];
    }

    long max() {
        return percentile(1.0);
    }
}
