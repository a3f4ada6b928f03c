package dev.gamma.config;

import io.vertx.config.ConfigChange;
import io.vertx.config.ConfigRetriever;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration file (plus {@code GAMMA_*} overrides from {@code env}) and watches it for changes, through
 * a vertx-config {@link ConfigRetriever} (see {@link ConfigSource} for its stores). The retriever reads the file
 * with Vert.x's file system; parsing runs in {@code executeBlocking}, never on the event loop.
 *
 * <p>Watching scans the file's bytes at a fixed period rather than using a file-system watch service: scanning also
 * works on Docker bind mounts and network file systems, and a config file is small. A favicon file's own changes
 * are only seen with the next change of the config file.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Duration DEFAULT_SCAN_PERIOD = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Path file;
    private final Map<String, String> env;
    private final long scanMillis;
    private final AtomicBoolean envChecked = new AtomicBoolean();
    private volatile JsonObject loaded;
    private volatile GammaConfig lastGood;
    private volatile Consumer<GammaConfig> onChange;
    private volatile ConfigRetriever watching;
    private volatile boolean closed;
    // The fields below are used on the watching retriever's context only.
    private boolean baselined;
    private long scans;
    private JsonObject pending;
    private long pendingScan;
    private Future<?> reloading = Future.succeededFuture();

    /** @param env the process environment (or a test's map); only {@code GAMMA_*} entries are used */
    public ConfigLoader(Vertx vertx, Path file, Map<String, String> env) {
        this(vertx, file, env, DEFAULT_SCAN_PERIOD);
    }

    ConfigLoader(Vertx vertx, Path file, Map<String, String> env, Duration scanPeriod) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.file = Objects.requireNonNull(file, "file");
        this.env = Map.copyOf(env);
        this.scanMillis = Math.max(1, scanPeriod.toMillis());
    }

    /** The configuration, or a failed future with a {@link ConfigException} that lists every problem. */
    public Future<GammaConfig> load() {
        ConfigRetriever once = ConfigRetriever.create(vertx, ConfigSource.options(file, env, 0));
        return once.getConfig()
                .eventually(once::close)
                .compose(retrieved -> {
                    loaded = retrieved;
                    return parse(retrieved);
                })
                .onSuccess(config -> lastGood = config);
    }

    /**
     * Scans the file and calls {@code onChange} (on an event loop) with each valid configuration that differs from
     * the last good one. An invalid or unreadable file is logged at WARN, once per change, and the last good
     * configuration stays. Changes are counted from the last {@link #load()}, or from now if there was none.
     */
    public Future<Void> watch(Consumer<GammaConfig> onChange) {
        Objects.requireNonNull(onChange, "onChange");
        if (this.onChange != null) {
            return Future.failedFuture(new IllegalStateException("already watching " + file));
        }
        this.onChange = onChange;
        ConfigRetriever retriever = ConfigRetriever.create(vertx, ConfigSource.options(file, env, scanMillis));
        watching = retriever;
        retriever.setBeforeScanHandler(v -> scanning());
        retriever.listen(this::changed);
        return retriever.getConfig().onSuccess(now -> {
            baselined = true;
            JsonObject since = loaded;
            if (since != null && !since.equals(now)) {
                hold(now);
            }
        }).mapEmpty();
    }

    /** Stops watching. */
    public void close() {
        closed = true;
        ConfigRetriever retriever = watching;
        if (retriever != null) {
            retriever.close();
        }
    }

    private void changed(ConfigChange change) {
        if (baselined) {
            hold(change.getNewConfiguration());
        }
    }

    /**
     * A change is applied once a whole scan after it saw the same bytes, so that a file caught halfway through
     * being written (many editors and {@code >} truncate first) is never applied.
     */
    private void hold(JsonObject retrieved) {
        pending = retrieved;
        pendingScan = scans;
    }

    private void scanning() {
        scans++;
        if (pending != null && scans - pendingScan >= 2 && !closed) {
            JsonObject retrieved = pending;
            pending = null;
            reloading = reloading.transform(ignored -> reload(retrieved));
        }
    }

    private Future<Void> reload(JsonObject retrieved) {
        return ConfigSource.content(vertx, file, retrieved)
                .compose(content -> vertx.executeBlocking(() -> check(content, ConfigSource.env(retrieved)), false))
                .onSuccess(config -> {
                    if (config != null && !closed) {
                        deliver(config);
                    }
                })
                .onFailure(e -> LOG.error("Checking {} for changes failed", file, e))
                .mapEmpty();
    }

    /** Blocking: the new configuration when the file changed into a valid, different one; otherwise null. */
    private GammaConfig check(FileContent content, EnvOverrides overrides) {
        if (content.isBlank()) {
            LOG.warn("{} is now empty; keeping the last good configuration", file);
            return null;
        }
        try {
            GammaConfig config = parseNow(content, overrides);
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

    private Future<GammaConfig> parse(JsonObject retrieved) {
        return ConfigSource.content(vertx, file, retrieved).compose(content ->
                vertx.executeBlocking(() -> parseNow(content, ConfigSource.env(retrieved)), false));
    }

    /** Blocking. */
    private GammaConfig parseNow(FileContent content, EnvOverrides overrides) {
        try {
            return new ConfigParser(file, overrides).parse(content);
        } finally {
            if (envChecked.compareAndSet(false, true)) {
                overrides.unknown().forEach(LOG::warn);
            }
        }
    }
}
