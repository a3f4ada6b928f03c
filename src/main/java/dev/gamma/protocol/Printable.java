package dev.gamma.protocol;

/**
 * Text from the network made safe for one log line or one terminal cell: control characters (C0, DEL, C1), line
 * and paragraph separators (U+2028, U+2029), bidirectional overrides and the BOM become {@code \\uXXXX} escapes,
 * and a backslash becomes two, so no value can end a line, forge another, or move a terminal's cursor; long values
 * are cut with an ellipsis.
 */
public final class Printable {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {}

    /** {@code text} escaped and cut to at most {@code maxChars} characters of the original (then "…"). */
    public static String escape(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        int end = Math.min(text.length(), maxChars);
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean plain = c != '\\' && !needsEscape(c);
            if (out == null) {
                if (plain) {
                    continue;
                }
                out = new StringBuilder(end + 16).append(text, 0, i);
            }
            if (c == '\\') {
                out.append("\\\\");
            } else if (plain) {
                out.append(c);
            } else {
                out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            }
        }
        String escaped = out == null ? text.substring(0, end) : out.toString();
        return end < text.length() ? escaped + "…" : escaped;
    }

    /**
     * {@code text} for a {@code key=value} field of a log line: escaped as {@link #escape}, and spaces and
     * {@code =} too, so that a value can neither end its field nor make up another one.
     */
    public static String field(String text, int maxChars) {
        String escaped = escape(text, maxChars);
        return escaped.indexOf(' ') < 0 && escaped.indexOf('=') < 0 ? escaped
                : escaped.replace(" ", "\\u0020").replace("=", "\\u003d");
    }

    /** Whether {@link #escape} writes {@code c} as an escape (a backslash aside). */
    public static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
