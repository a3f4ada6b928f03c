package dev.gamma.cluster;

import dev.gamma.protocol.Printable;
import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API-made routes on disk ({@code data-dir/routes.json}), so that a restart of every node keeps them.
 * Deletions are kept as tombstones with their time, so that a node that was down while a route was removed
 * does not bring it back.
 */
public final class RoutePersistence {
    private static final Logger LOG = LoggerFactory.getLogger(RoutePersistence.class);
    static final String FILE = "routes.json";

    /** An API route or the tombstone of one ({@code route == null}). */
    public record Entry(String host, Route route, long updatedAt) {
        public boolean deleted() {
            return route == null;
        }
    }

    private final Vertx vertx;
    private final Path file;
    private Future<Void> lastSave = Future.succeededFuture();

    public RoutePersistence(Vertx vertx, Path dataDir) {
        this.vertx = vertx;
        this.file = dataDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** What was saved last time; an absent or unreadable file reads as empty (and is logged). */
    public Future<List<Entry>> load() {
        return vertx.fileSystem().exists(file.toString()).compose(exists -> {
            if (!exists) {
                return Future.succeededFuture(List.of());
            }
            return vertx.fileSystem().readFile(file.toString()).map(this::parse).recover(e -> {
                LOG.warn("cannot read {}: {}; starting without persisted API routes", file, e.getMessage());
                return Future.succeededFuture(List.of());
            });
        });
    }

    /**
     * Replaces the file atomically (write to a temporary file, then move), after the saves asked for before this
     * one: two at once would share the temporary file, and an older state could land last.
     */
    public synchronized Future<Void> save(Collection<Entry> entries) {
        Buffer content = content(entries);
        Future<Void> next = lastSave.transform(previous -> write(content));
        lastSave = next;
        return next;
    }

    private static Buffer content(Collection<Entry> entries) {
        JsonArray array = new JsonArray();
        for (Entry entry : entries) {
            array.add(new JsonObject().put("host", entry.host())
                    .put("route", entry.deleted() ? null : RouteJson.encode(entry.route()))
                    .put("updatedAt", entry.updatedAt()));
        }
        return Buffer.buffer(array.encodePrettily());
    }

    private Future<Void> write(Buffer content) {
        String temporary = file + ".tmp";
        return vertx.fileSystem().mkdirs(file.getParent().toString())
                .compose(v -> vertx.fileSystem().writeFile(temporary, content))
                .compose(v -> vertx.fileSystem().move(temporary, file.toString(),
                        new io.vertx.core.file.CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
                .onFailure(e -> LOG.error("cannot save API routes to {}: {}", file, e.getMessage()));
    }

    /** Every entry that reads; one that does not (edited by hand, say) is skipped and logged, not the rest. */
    private List<Entry> parse(Buffer buffer) {
        JsonArray array = new JsonArray(buffer);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                entries.add(entry(array.getValue(i)));
            } catch (IllegalArgumentException | ClassCastException e) {
                LOG.warn("{}: entry {} skipped: {}", file, i, Printable.escape(String.valueOf(e.getMessage()), 300));
            }
        }
        return entries;
    }

    private static Entry entry(Object item) {
        if (!(item instanceof JsonObject json) || !(json.getValue("host") instanceof String host)) {
            throw new IllegalArgumentException("expected {host, route, updatedAt}");
        }
        JsonObject route = json.getJsonObject("route");
        return new Entry(host, route == null ? null : SharedRoute.routeOf(host, route), json.getLong("updatedAt", 0L));
    }
}
