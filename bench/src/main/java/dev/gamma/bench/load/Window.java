package dev.gamma.bench.load;

/** A measurement's timing: a warm-up that is not counted, then the measured stretch (nanoseconds). */
record Window(long warmupNanos, long measureNanos) {
    static Window from(Options options, double defaultSeconds) {
        return new Window(options.seconds("warmup", 1), options.seconds("seconds", defaultSeconds));
    }

    long totalNanos() {
        return warmupNanos + measureNanos;
    }
}
