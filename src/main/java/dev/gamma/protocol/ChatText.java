package dev.gamma.protocol;

import java.util.List;
import java.util.Map;

/** Between plain text and chat JSON: for disconnect reasons going out and status descriptions coming in. */
public final class ChatText {
    private ChatText() {
    }

    /** {@code {"text":"..."}}; section-sign colour codes pass through and the client renders them. */
    public static String json(String plain) {
        StringBuilder out = new StringBuilder(plain.length() + 12).append("{\"text\":\"");
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append("\"}").toString();
    }

    /**
     * The text of a chat component (a string, an object, or an array): {@code text}, else {@code translate}
     * (its {@code fallback} if given, else the key), then {@code extra}, depth first. Formatting is dropped,
     * § codes inside the text are kept. Input that is not JSON comes back as it is; null becomes "".
     *
     * @throws ProtocolException if the JSON nests deeper than {@link ChatJson#MAX_DEPTH}
     */
    public static String plain(String jsonOrPlain) {
        if (jsonOrPlain == null) {
            return "";
        }
        Object tree = ChatJson.parse(jsonOrPlain);
        if (tree == ChatJson.NOT_JSON) {
            return jsonOrPlain;
        }
        StringBuilder out = new StringBuilder();
        appendText(tree, out);
        return out.toString();
    }

    private static void appendText(Object node, StringBuilder out) {
        if (node instanceof String text) {
            out.append(text);
        } else if (node instanceof List<?> parts) {
            parts.forEach(part -> appendText(part, out));
        } else if (node instanceof Map<?, ?> component) {
            if (component.get("text") instanceof String text) {
                out.append(text);
            } else if (component.get("translate") instanceof String key) {
                out.append(component.get("fallback") instanceof String fallback ? fallback : key);
            }
            appendText(component.get("extra"), out);
        }
    }
}
