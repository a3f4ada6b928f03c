package dev.gamma.bench.load;

import java.util.Arrays;

/** Recorded values (nanoseconds), kept whole and sorted once for exact percentiles. */
final class Samples {
    private long[] values = new long[1 << 16];
    private int size;
    private boolean sorted;
    private long first = -1;
    private int worstAt = -1;
    private long worst = Long.MIN_VALUE;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (size == 0) {
            first = value;
        }
        if (value > worst) {
            worst = value;
            worstAt = size;
        }
        values[size++] = value;
        sorted = false;
    }

    /** The first value recorded (-1 if none): a cold path shows here. */
    long first() {
        return first;
    }

    /** Where the largest value came in the order they were recorded, from 0 (-1 if none). */
    int worstAt() {
        return worstAt;
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
