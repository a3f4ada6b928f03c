package dev.gamma.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration file (plus {@code GAMMA_*} overrides from {@code env}) and watches it for changes.
 * Every file read and parse runs in {@code executeBlocking}, never on the event loop.
 *
 * <p>Watching polls the file's bytes rather than using a file-system watch service: polling also works on
 * Docker bind mounts and network file systems, and a config file is small. A favicon file's own changes are
 * only seen with the next change of the config file.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Path file;
    private final EnvOverrides env;
    private final ConfigParser parser;
    private final long pollMillis;
    private final AtomicBoolean envChecked = new AtomicBoolean();
    private volatile FileState lastSeen;
    private volatile FileState pending;
    private volatile GammaConfig lastGood;
    private volatile Consumer<GammaConfig> onChange;
    private volatile long timerId = -1;
    private volatile boolean closed;

    /** @param env the process environment (or a test's map); only {@code GAMMA_*} entries are used */
    public ConfigLoader(Vertx vertx, Path file, Map<String, String> env) {
        this(vertx, file, env, DEFAULT_POLL_INTERVAL);
    }

    ConfigLoader(Vertx vertx, Path file, Map<String, String> env, Duration pollInterval) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.file = Objects.requireNonNull(file, "file");
        this.env = new EnvOverrides(env);
        this.parser = new ConfigParser(file, this.env);
        this.pollMillis = Math.max(1, pollInterval.toMillis());
    }

    /** The configuration, or a failed future with a {@link ConfigException} that lists every problem. */
    public Future<GammaConfig> load() {
        return vertx.executeBlocking(() -> {
            FileState state = FileState.read(file);
            lastSeen = state;
            GammaConfig config = parse(state);
            lastGood = config;
            return config;
        }, false);
    }

    /**
     * Polls the file and calls {@code onChange} (on an event loop) with each valid configuration that differs from
     * the last good one. An invalid or unreadable file is logged at WARN, once per change, and the last good
     * configuration stays. Changes are counted from the last {@link #load()}, or from now if there was none.
     */
    public Future<Void> watch(Consumer<GammaConfig> onChange) {
        Objects.requireNonNull(onChange, "onChange");
        if (this.onChange != null) {
            return Future.failedFuture(new IllegalStateException("already watching " + file));
        }
        this.onChange = onChange;
        Future<Void> baseline = lastSeen != null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            lastSeen = FileState.read(file);
            return null;
        }, false);
        return baseline.onSuccess(v -> scheduleNext());
    }

    /** Stops watching. */
    public void close() {
        closed = true;
        vertx.cancelTimer(timerId);
    }

    private void scheduleNext() {
        if (!closed) {
            timerId = vertx.setTimer(pollMillis, id -> poll());
        }
    }

    private void poll() {
        vertx.executeBlocking(this::reloadIfChanged, false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("Checking {} for changes failed", file, ar.cause());
            } else if (ar.result() != null && !closed) {
                deliver(ar.result());
            }
            scheduleNext();
        });
    }

    /**
     * Blocking: the new configuration when the file changed into a valid, different one; otherwise null. A change
     * counts once two polls in a row read the same bytes, so that a file caught halfway through being written
     * (many editors and {@code >} truncate first) is never applied.
     */
    private GammaConfig reloadIfChanged() {
        FileState state = FileState.read(file);
        if (state.sameAs(lastSeen) || !state.sameAs(pending)) {
            pending = state.sameAs(lastSeen) ? null : state;
            return null;
        }
        pending = null;
        lastSeen = state;
        if (state.isBlank()) {
            LOG.warn("{} is now empty; keeping the last good configuration", file);
            return null;
        }
        try {
            GammaConfig config = parse(state);
            if (config.equals(lastGood)) {
                LOG.info("{} changed; the configuration in force is the same", file);
                return null;
            }
            lastGood = config;
            return config;
        } catch (ConfigException e) {
            LOG.warn("{} changed and has {} problem(s); keeping the last good configuration",
                    file, e.problems().size());
            e.problems().forEach(problem -> LOG.warn("{}", problem));
            return null;
        }
    }

    private void deliver(GammaConfig config) {
        LOG.info("{} changed; applying the new configuration", file);
        try {
            onChange.accept(config);
        } catch (RuntimeException e) {
            LOG.error("Applying the new configuration from {} failed", file, e);
        }
    }

    private GammaConfig parse(FileState state) {
        try {
            return parser.parse(state);
        } finally {
            if (envChecked.compareAndSet(false, true)) {
                env.unknown().forEach(LOG::warn);
            }
        }
    }
}
