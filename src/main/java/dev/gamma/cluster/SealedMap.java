package dev.gamma.cluster;

import com.hazelcast.map.IMap;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.concurrent.CompletionStage;

/**
 * One Hazelcast map of sealed JSON objects: how every Gamma structure lives in the cluster. The map is typed
 * {@code Object} because a stranger may put anything in it; only {@code byte[]} that open for this map and key are
 * read, anything else is refused and counted as {@code kind}.
 */
final class SealedMap {
    private final IMap<String, Object> map;
    private final Sealer sealer;
    private final ClusterRejections rejections;
    private final ClusterRejections.Kind kind;

    SealedMap(IMap<String, Object> map, Sealer sealer, ClusterRejections rejections, ClusterRejections.Kind kind) {
        this.map = map;
        this.sealer = sealer;
        this.rejections = rejections;
        this.kind = kind;
    }

    String name() {
        return map.getName();
    }

    /** The map itself, for listeners, predicates and compare-and-set writes of values from {@link #seal}. */
    IMap<String, Object> hazelcast() {
        return map;
    }

    byte[] seal(String key, JsonObject value) {
        return sealer.seal(map.getName(), key, value.encode().getBytes(StandardCharsets.UTF_8));
    }

    CompletionStage<Void> setAsync(String key, JsonObject value) {
        return map.setAsync(key, seal(key, value));
    }

    CompletionStage<Object> removeAsync(String key) {
        return map.removeAsync(key);
    }

    /**
     * The JSON object {@code raw} holds, or null when it is null or does not open here (then it is counted and
     * logged as coming from {@code source}).
     */
    JsonObject open(String key, Object raw, String source) {
        if (raw == null) {
            return null;
        }
        try {
            if (!(raw instanceof byte[] sealed)) {
                throw new Sealer.Unsealable("not a sealed value (" + raw.getClass().getName() + ")");
            }
            return new JsonObject(new String(sealer.open(map.getName(), key, sealed), StandardCharsets.UTF_8));
        } catch (Sealer.Unsealable e) {
            rejections.reject(kind, source, "entry " + key + " of " + map.getName(), e.getMessage());
        } catch (RuntimeException e) {
            rejections.reject(kind, source, "entry " + key + " of " + map.getName(), "unreadable: " + e.getMessage());
        }
        return null;
    }

    /** True when {@code raw} was sealed with the key this node seals with now (false for anything else). */
    boolean sealedWithCurrentKey(Object raw) {
        return raw instanceof byte[] sealed && sealed.length >= Sealer.HEADER_BYTES
                && Sealer.keyId(sealed) == sealer.keyring().sealing().id();
    }

    void reject(String key, String source, String why) {
        rejections.reject(kind, source, "entry " + key + " of " + map.getName(), why);
    }

    /**
     * Blocking: every entry's key and raw value. A bulk read turns each entry into objects as it goes (there is
     * no way around it here, unlike for events): an entry that fails to (the deserialization filter and the limits
     * on object graphs refuse it) is skipped, and reading goes on with the next.
     */
    void readAllBlocking(BiConsumer<String, Object> each) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        IMap<Object, Object> raw = (IMap) map;
        Iterator<Map.Entry<Object, Object>> entries = raw.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Object, Object> e;
            try {
                e = entries.next();
            } catch (RuntimeException unreadable) {
                reject("?", "a read of " + name(), "unreadable: " + unreadable.getMessage());
                continue;
            }
            if (e.getKey() instanceof String key) {
                each.accept(key, e.getValue());
            } else {
                reject("?", "a read of " + name(), "a key that is not text");
            }
        }
    }
}
