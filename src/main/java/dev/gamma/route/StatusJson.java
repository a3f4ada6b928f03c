package dev.gamma.route;

import dev.gamma.protocol.ChatText;
import dev.gamma.protocol.LegacyStatus;
import dev.gamma.protocol.ProtocolException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Builds the status JSON Gamma answers with itself, and reads any status JSON back for legacy pings. */
public final class StatusJson {
    private StatusJson() {}

    /**
     * A status shown when no backend ever answered. With no version text the client's own protocol is echoed
     * so the entry does not look incompatible; with one, protocol -1 makes the client show that text.
     */
    public static String of(FallbackStatus status, int clientProtocol) {
        return object(status, clientProtocol).encode();
    }

    static JsonObject object(FallbackStatus status, int clientProtocol) {
        boolean hasVersion = !status.version().isEmpty();
        JsonObject json = new JsonObject()
                .put("version", new JsonObject()
                        .put("name", hasVersion ? status.version() : "Gamma")
                        .put("protocol", hasVersion ? -1 : clientProtocol))
                .put("players", new JsonObject()
                        .put("max", status.max())
                        .put("online", status.online())
                        .put("sample", new JsonArray()))
                .put("description", new JsonObject().put("text", status.motd()));
        if (!status.favicon().isEmpty()) {
            json.put("favicon", status.favicon());
        }
        return json;
    }

    public static String unknownHost(String motd, int clientProtocol) {
        return of(new FallbackStatus(motd, "", "", 0, 0), clientProtocol);
    }

    /**
     * The fields a legacy (pre-1.7) server list shows, taken from a modern status JSON. Whatever the backend
     * sent, the answer is a status: fields that are missing or unreadable take their defaults.
     */
    public static LegacyStatus toLegacy(String statusJson) {
        JsonObject json;
        try {
            json = statusJson == null ? new JsonObject() : new JsonObject(statusJson);
        } catch (DecodeException | ClassCastException e) {
            json = new JsonObject();
        }
        JsonObject version = objectOrEmpty(json.getValue("version"));
        JsonObject players = objectOrEmpty(json.getValue("players"));
        Object description = json.getValue("description");
        String motd = description == null ? "" : plainText(Json.encode(description));
        return new LegacyStatus(
                intOr(version.getValue("protocol"), 127),
                String.valueOf(version.getValue("name", "")),
                motd,
                intOr(players.getValue("online"), 0),
                intOr(players.getValue("max"), 0));
    }

    /** A description nested deeper than chat text may be shows no MOTD rather than failing the ping. */
    private static String plainText(String chatJson) {
        try {
            return ChatText.plain(chatJson);
        } catch (ProtocolException tooDeep) {
            return "";
        }
    }

    private static JsonObject objectOrEmpty(Object value) {
        return value instanceof JsonObject object ? object : new JsonObject();
    }

    private static int intOr(Object value, int otherwise) {
        return value instanceof Number number ? number.intValue() : otherwise;
    }
}
