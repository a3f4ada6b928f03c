package dev.gamma.tui;

import dev.gamma.client.Formats;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Text as screen cells. Everything from the network goes through {@link #text} before the model keeps it: Lanterna
 * refuses to draw a control character (the whole screen fails), and a C1 control or a bidirectional override
 * would reach the operator's terminal. Widths are counted in columns, so wide (CJK) characters keep the layout.
 */
final class Cells {
    private Cells() {}

    /**
     * {@link Formats#printable}, and characters outside the Basic Multilingual Plane (emoji) as {@code \\uXXXX}
     * escapes of their two halves too: Lanterna gives them one cell where terminals draw two, which would shift
     * the rest of their row.
     */
    static String text(String text) {
        String printable = Formats.printable(text);
        StringBuilder out = null;
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(printable.length() + 16).append(printable, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? printable : out.toString();
    }

    /** The string at {@code key} of an API answer, {@link #text made printable}; "" when absent. */
    static String text(JsonObject json, String key) {
        return text(json.getString(key, ""));
    }

    static int columns(String text) {
        return Formats.columns(text);
    }

    /** {@code text} cut to {@code width} columns, marking the cut with an ellipsis. */
    static String fit(String text, int width) {
        if (width <= 0) {
            return "";
        }
        if (columns(text) <= width) {
            return text;
        }
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int next = end + Character.charCount(text.codePointAt(end));
            int wide = columns(text.substring(end, next));
            if (used + wide > width - 1) {
                break;
            }
            used += wide;
            end = next;
        }
        return text.substring(0, end) + "…";
    }

    /** {@code text} fitted, then filled with spaces to exactly {@code width} columns. */
    static String pad(String text, int width) {
        String cut = fit(text, width);
        return cut + " ".repeat(Math.max(0, width - columns(cut)));
    }
}
