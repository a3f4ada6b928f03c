package dev.gamma.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.gamma.protocol.Printable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A map's entry events, on Hazelcast's event threads, handed to its {@link MapMirror}: the key and the value are
 * read only when their serialized form is the one Gamma writes ({@link RawShape}), so nothing a stranger put there
 * is ever deserialized here.
 */
final class MapEvents<V> implements EntryAddedListener<Object, Object>, EntryUpdatedListener<Object, Object>,
        EntryMergedListener<Object, Object>, EntryRemovedListener<Object, Object>,
        EntryEvictedListener<Object, Object>, EntryExpiredListener<Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(MapEvents.class);

    private final MapMirror<V> mirror;

    MapEvents(MapMirror<V> mirror) {
        this.mirror = mirror;
    }

    @Override
    public void entryAdded(EntryEvent<Object, Object> event) {
        withKey(event, key -> changed(event, key));
    }

    @Override
    public void entryUpdated(EntryEvent<Object, Object> event) {
        withKey(event, key -> changed(event, key));
    }

    @Override
    public void entryMerged(EntryEvent<Object, Object> event) {
        withKey(event, key -> changed(event, key));
    }

    @Override
    public void entryRemoved(EntryEvent<Object, Object> event) {
        withKey(event, key -> mirror.removed(key, source(event)));
    }

    @Override
    public void entryEvicted(EntryEvent<Object, Object> event) {
        withKey(event, key -> mirror.removed(key, source(event)));
    }

    @Override
    public void entryExpired(EntryEvent<Object, Object> event) {
        withKey(event, key -> mirror.removed(key, source(event)));
    }

    private void changed(EntryEvent<Object, Object> event, String key) {
        if (!RawShape.bytesValue(event)) {
            mirror.map().reject(key, source(event), "not a sealed value");
            mirror.unreadable(key);
            return;
        }
        V value = mirror.decode(key, event.getValue(), source(event));
        if (value == null) {
            mirror.unreadable(key);
        } else {
            mirror.changed(key, value, source(event));
        }
    }

    /** Reads the key only when it is text: a key of any other kind is never deserialized. */
    private void withKey(EntryEvent<Object, Object> event, Consumer<String> action) {
        if (!RawShape.textKey(event)) {
            mirror.map().reject("?", source(event), "a key that is not text");
            return;
        }
        try {
            action.accept((String) event.getKey());
        } catch (RuntimeException e) {
            LOG.warn("cannot apply a change of {}: {}", mirror.map().name(), Printable.escape(String.valueOf(e), 300));
        }
    }

    private static String source(EntryEvent<?, ?> event) {
        Member member = event.getMember();
        return member == null ? "an unknown member" : "member " + member.getAddress();
    }
}
