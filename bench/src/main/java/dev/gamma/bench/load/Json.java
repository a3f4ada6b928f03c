package dev.gamma.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One flat JSON object per result line, so that a shell script or the report can read it back. */
final class Json {
    private final StringBuilder text = new StringBuilder("{");

    Json put(String key, String value) {
        return raw(key, '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"');
    }

    Json put(String key, long value) {
        return raw(key, Long.toString(value));
    }

    Json put(String key, double value) {
        return raw(key, Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
    }

    private Json raw(String key, String value) {
        if (text.length() > 1) {
            text.append(',');
        }
        text.append('"').append(key).append("\":").append(value);
        return this;
    }

    /** Adds every field of {@code other} after this object's own. */
    Json append(Json other) {
        if (other.text.length() > 1) {
            text.append(text.length() > 1 ? "," : "").append(other.text, 1, other.text.length());
        }
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    /** Reads back a flat object of strings, numbers and nulls (what {@link Json} writes). */
    static Map<String, Object> parseFlat(String line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String s = line.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + line);
        }
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            while (i < end && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i >= end) {
                break;
            }
            StringBuilder key = new StringBuilder();
            i = readString(s, i, key);
            while (s.charAt(i) == ':' || Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (s.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i = readString(s, i, value);
                fields.put(key.toString(), value.toString());
            } else {
                int start = i;
                while (i < end && s.charAt(i) != ',') {
                    i++;
                }
                String token = s.substring(start, i).strip();
                fields.put(key.toString(), token.equals("null") ? null : Double.valueOf(token));
            }
        }
        return fields;
    }

    /** Reads a quoted string starting at {@code i} into {@code out}; returns the index after it. */
    private static int readString(String s, int i, StringBuilder out) {
        if (s.charAt(i) != '"') {
            throw new IllegalArgumentException("expected a string at " + i + ": " + s);
        }
        for (i++; s.charAt(i) != '"'; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return i + 1;
    }
}
