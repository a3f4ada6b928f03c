package dev.gamma.cluster;

import dev.gamma.protocol.Printable;
import dev.gamma.route.AccessJson;
import dev.gamma.route.AccessList;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet-wide access list set through the admin API ({@code PUT /api/access}), in force on every node together
 * with the node's own file list. It lives in the shared table {@link SharedTable.Name#ACCESS} under one key, as
 * {@code {allow, deny, setAt}}: {@code setAt} is when an operator set it, and the latest setting wins wherever it is
 * seen, so a node that rewrites what it knows (the table forgets what is not rewritten) never undoes a newer
 * setting. The key's owner rewrites it every few seconds, and any node does when the entry is missing or stale, so a
 * dead owner's job is taken over. Each node keeps the latest setting in {@code data-dir/access.json}, so a restart of
 * the whole cluster keeps it.
 */
public final class FleetAccess {
    static final String KEY = "global";
    /** The table refuses entries older than 30 s: rewritten well within that. */
    public static final long REFRESH_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(FleetAccess.class);
    private static final String FILE = "access.json";

    /** A list and when an operator set it (0: never). */
    public record Setting(AccessList list, long setAt) {
        static final Setting NONE = new Setting(AccessList.OPEN, 0);

        JsonObject toJson() {
            return AccessJson.encode(list).put("setAt", setAt);
        }

        /** Throws {@link IllegalArgumentException} for a value of the wrong shape. */
        static Setting fromJson(JsonObject json) {
            if (!(json.getValue("setAt") instanceof Number setAt) || setAt.longValue() <= 0) {
                throw new IllegalArgumentException("setAt: expected a positive number");
            }
            JsonObject lists = json.copy();
            lists.remove("setAt");
            return new Setting(AccessJson.decode(lists), setAt.longValue());
        }
    }

    private final SharedTable table;
    private final NodeDirectory nodes;
    private final Path dataDir;
    private final LongSupplier clock;
    private volatile Setting current = Setting.NONE;
    private volatile Consumer<AccessList> listener = list -> { };

    public FleetAccess(SharedTable table, NodeDirectory nodes, Path dataDir, LongSupplier clock) {
        this.table = table;
        this.nodes = nodes;
        this.dataDir = dataDir;
        this.clock = clock;
        table.onChange((key, value) -> {
            if (KEY.equals(key) && value != null) {
                seen(value, "the cluster");
            }
        });
    }

    /** Reads what this node saved (blocking: call off the event loop) and takes the newer of it and the table's. */
    public void loadBlocking() {
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                seen(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} not read, the fleet access list starts from the cluster's: {}", file, e.getMessage());
            }
        }
        JsonObject shared = table.get(KEY);
        if (shared != null) {
            seen(shared, "the cluster");
        }
    }

    /** Told of every new list (on whichever thread saw it); set once, before {@link #loadBlocking()}. */
    public void onChange(Consumer<AccessList> listener) {
        this.listener = listener;
    }

    public Setting current() {
        return current;
    }

    /** An operator's new list, for every node; saves it (blocking: call off the event loop). */
    public Setting set(AccessList list) {
        Setting next = new Setting(list, Math.max(clock.getAsLong(), current.setAt() + 1));
        adopt(next);
        table.put(KEY, next.toJson());
        return next;
    }

    /** Every {@link #REFRESH_MILLIS}: keeps the setting alive in the table (see the class comment). */
    public void refresh() {
        Setting known = current;
        if (known.setAt() == 0) {
            return;
        }
        JsonObject shared = table.get(KEY);
        boolean stale = shared == null || clock.getAsLong() - table.writtenAt(KEY) > 2 * REFRESH_MILLIS
                || shared.getLong("setAt", 0L) < known.setAt();
        if (stale || nodes.owns(KEY)) {
            table.put(KEY, known.toJson());
        }
    }

    private void seen(JsonObject value, String from) {
        Setting setting;
        try {
            setting = Setting.fromJson(value);
        } catch (IllegalArgumentException | ClassCastException e) {
            LOG.warn("fleet access list from {} refused: {}", from,
                    Printable.escape(String.valueOf(e.getMessage()), 300));
            return;
        }
        if (setting.setAt() > current.setAt()) {
            adopt(setting);
        }
    }

    private synchronized void adopt(Setting next) {
        if (next.setAt() <= current.setAt()) {
            return;
        }
        current = next;
        listener.accept(next.list());
        save(next);
    }

    private void save(Setting setting) {
        try {
            Files.createDirectories(dataDir);
            Path temp = dataDir.resolve(FILE + ".tmp");
            Files.writeString(temp, setting.toJson().encodePrettily(), StandardCharsets.UTF_8);
            Files.move(temp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("fleet access list not saved to {}: {}", dataDir, e.getMessage());
        }
    }
}
