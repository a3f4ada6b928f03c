package dev.gamma.route;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of one JSON object's keys for {@link RouteJson}: each read checks the JSON type and throws an
 * {@link IllegalArgumentException} naming the key's path; {@link #finish()} refuses keys nobody read.
 */
final class JsonFields {
    private final JsonObject json;
    private final String path;
    private final Set<String> read = new HashSet<>();

    JsonFields(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    String string(String key, String otherwise) {
        Object value = value(key);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof String text)) {
            throw wrong(key, "a string", value);
        }
        return text;
    }

    boolean bool(String key, boolean otherwise) {
        Object value = value(key);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrong(key, "true or false", value);
        }
        return flag;
    }

    /** A whole number from 0 to {@link Integer#MAX_VALUE}. */
    int count(String key, int otherwise) {
        Object value = value(key);
        if (value == null) {
            return otherwise;
        }
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
        if (!whole || ((Number) value).longValue() < 0 || ((Number) value).longValue() > Integer.MAX_VALUE
                || value instanceof BigInteger big && big.bitLength() > 31) {
            throw wrong(key, "a whole number from 0 to " + Integer.MAX_VALUE, value);
        }
        return ((Number) value).intValue();
    }

    /** A list whose items {@code item} reads (it throws for an item it refuses); null when the key is absent. */
    <T> List<T> list(String key, Function<String, T> item) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw wrong(key, "a list", value);
        }
        List<T> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = path(key) + "[" + i + "]";
            if (!(array.getValue(i) instanceof String text)) {
                throw new IllegalArgumentException(at + ": expected a string, got " + describe(array.getValue(i)));
            }
            try {
                items.add(item.apply(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
        }
        return items;
    }

    /** The object under {@code key} (an empty one when absent), read with the same rules. */
    JsonFields object(String key) {
        Object value = value(key);
        if (value == null) {
            return new JsonFields(new JsonObject(), path(key));
        }
        if (!(value instanceof JsonObject object)) {
            throw wrong(key, "an object", value);
        }
        return new JsonFields(object, path(key));
    }

    /** The object under {@code key}, or null when absent. */
    JsonFields optionalObject(String key) {
        return json.getValue(key) == null ? objectAbsent(key) : object(key);
    }

    private JsonFields objectAbsent(String key) {
        read.add(key);
        return null;
    }

    /** What {@code check} makes of the value; its refusal is thrown with the message under this key's path. */
    <T, R> R checked(String key, T value, Function<T, R> check) {
        try {
            return check.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path(key) + ": " + e.getMessage());
        }
    }

    IllegalArgumentException problem(String key, String what) {
        return new IllegalArgumentException(path(key) + ": " + what);
    }

    /** Refuses a key that was not read: a route this node cannot read whole is not routed half-understood. */
    void finish() {
        for (String key : json.fieldNames()) {
            if (!read.contains(key)) {
                throw new IllegalArgumentException(path(key) + ": unknown key");
            }
        }
    }

    private Object value(String key) {
        read.add(key);
        return json.getValue(key);
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private IllegalArgumentException wrong(String key, String expected, Object value) {
        return new IllegalArgumentException(path(key) + ": expected " + expected + ", got " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof JsonArray) {
            return "a list";
        }
        return value instanceof String text ? "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\""
                : String.valueOf(value);
    }
}
