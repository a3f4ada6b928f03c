package dev.gamma.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.impl.DataAwareEntryEvent;

/**
 * Whether an entry of a Gamma map has the shape Gamma writes, a text key and a byte-array value, read from
 * Hazelcast's serialized form before anything is deserialized: what a stranger puts there (a Java object graph, a
 * Compact record naming some class) is then never turned into objects on this node. Hazelcast's entry events carry
 * that form ({@link DataAwareEntryEvent}, from its internal API); an event that does not is taken as not sealed.
 */
final class RawShape {
    // SerializationConstants.CONSTANT_TYPE_STRING and CONSTANT_TYPE_BYTE_ARRAY
    private static final int STRING = -11;
    private static final int BYTES = -12;

    private RawShape() {}

    /** The event's key is text (safe to read). */
    static boolean textKey(EntryEvent<?, ?> event) {
        return event instanceof DataAwareEntryEvent<?, ?> data && isType(data.getKeyData(), STRING);
    }

    /** The event's new value, if it has one, is bytes (safe to read). */
    static boolean bytesValue(EntryEvent<?, ?> event) {
        if (!(event instanceof DataAwareEntryEvent<?, ?> data)) {
            return false;
        }
        Data value = data.getNewValueData();
        return value == null || isType(value, BYTES);
    }

    private static boolean isType(Data data, int type) {
        return data != null && data.getType() == type;
    }
}
