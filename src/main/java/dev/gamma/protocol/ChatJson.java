package dev.gamma.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for chat components. Objects become {@code Map}s, arrays {@code List}s, strings,
 * numbers and booleans their text (a chat array turns primitives into text anyway), and null stays null.
 * Nesting is capped, so hostile input can neither overflow the stack nor take more than linear time.
 */
final class ChatJson {
    static final int MAX_DEPTH = 64;
    /** Returned by {@link #parse} when the input is not one well-formed JSON value. */
    static final Object NOT_JSON = new Object();

    private static final RuntimeException MALFORMED = new ProtocolException("malformed JSON");

    private final String in;
    private int pos;

    private ChatJson(String in) {
        this.in = in;
    }

    /** The parsed value, or {@link #NOT_JSON}; throws ProtocolException only for nesting past the cap. */
    static Object parse(String json) {
        ChatJson parser = new ChatJson(json);
        try {
            Object value = parser.value(0);
            parser.skipWhitespace();
            return parser.pos == json.length() ? value : NOT_JSON;
        } catch (RuntimeException e) {
            if (e == MALFORMED) {
                return NOT_JSON;
            }
            throw e;
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new ProtocolException("chat JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        skipWhitespace();
        char c = peek();
        if (c == '{') {
            return object(depth);
        }
        if (c == '[') {
            return array(depth);
        }
        if (c == '"') {
            return string();
        }
        if (c == 't' || c == 'f' || c == 'n') {
            return literal();
        }
        return number();
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        if (skipWhitespace() == '}') {
            pos++;
            return map;
        }
        do {
            skipWhitespace();
            String key = string();
            expect(':');
            map.put(key, value(depth + 1));
        } while (separator('}'));
        return map;
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        if (skipWhitespace() == ']') {
            pos++;
            return list;
        }
        do {
            list.add(value(depth + 1));
        } while (separator(']'));
        return list;
    }

    /** After an element: true on a comma (more follow), false on the closing bracket. */
    private boolean separator(char close) {
        char c = skipWhitespace();
        pos++;
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw MALFORMED;
    }

    private String string() {
        if (peek() != '"') {
            throw MALFORMED;
        }
        pos++;
        StringBuilder out = new StringBuilder();
        for (char c = next(); c != '"'; c = next()) {
            out.append(c == '\\' ? escape() : c);
        }
        return out.toString();
    }

    private char escape() {
        char c = next();
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> throw MALFORMED;
        };
    }

    private char unicodeEscape() {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw MALFORMED;
            }
            code = code << 4 | digit;
        }
        return (char) code;
    }

    private String literal() {
        for (String word : new String[] {"true", "false", "null"}) {
            if (in.startsWith(word, pos)) {
                pos += word.length();
                return word.equals("null") ? null : word;
            }
        }
        throw MALFORMED;
    }

    /** Loose on purpose: any run of number characters holding a digit is kept as written. */
    private String number() {
        int start = pos;
        boolean digit = false;
        for (char c; pos < in.length() && "+-.eE0123456789".indexOf(c = in.charAt(pos)) >= 0; pos++) {
            digit |= c >= '0' && c <= '9';
        }
        if (!digit) {
            throw MALFORMED;
        }
        return in.substring(start, pos);
    }

    private void expect(char c) {
        if (skipWhitespace() != c) {
            throw MALFORMED;
        }
        pos++;
    }

    /** Skips whitespace and returns the next character without consuming it. */
    private char skipWhitespace() {
        while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
            pos++;
        }
        return pos < in.length() ? in.charAt(pos) : '\0';
    }

    private char peek() {
        if (pos >= in.length()) {
            throw MALFORMED;
        }
        return in.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }
}
