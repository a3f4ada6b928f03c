package dev.gamma.route;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One status JSON as a backend answered it. A route that rewrites its players object needs the JSON parsed; that
 * happens once, on first use, and keeps the rest of the answer as written text, so each ping after it only writes
 * a small players object and joins the two.
 */
public final class StatusBody {
    private static final Split NOT_AN_OBJECT = new Split(null, new JsonObject());

    private final String json;
    private volatile Split split;

    public StatusBody(String json) {
        this.json = json;
    }

    /** The answer as the backend sent it. */
    public String json() {
        return json;
    }

    /** Whether the answer is a JSON object: anything else cannot carry a players object. */
    boolean isObject() {
        return split().rest() != null;
    }

    /** The backend's players object; empty when it sent none, or something other than an object. */
    JsonObject players() {
        return split().players();
    }

    /** The answer with {@code players} in place of the backend's players object; only for {@link #isObject()}. */
    String withPlayers(JsonObject players) {
        Split s = split();
        // rest is a whole JSON object without its closing brace, so the players key goes last
        return s.rest() + (s.rest().length() > 1 ? "," : "") + "\"players\":" + players.encode() + "}";
    }

    private Split split() {
        Split s = split;
        if (s == null) {
            s = Split.of(json);
            split = s; // two pings racing here parse twice and agree
        }
        return s;
    }

    /** {@code rest}: the answer without players and without its last brace; null when it is not an object. */
    private record Split(String rest, JsonObject players) {
        static Split of(String json) {
            JsonObject status;
            try {
                status = json == null ? null : new JsonObject(json);
            } catch (DecodeException | ClassCastException notAnObject) {
                return NOT_AN_OBJECT;
            }
            if (status == null || status.getMap() == null) {
                return NOT_AN_OBJECT;
            }
            Object players = status.remove("players");
            String rest = status.encode();
            return new Split(rest.substring(0, rest.length() - 1),
                    players instanceof JsonObject object ? object : new JsonObject());
        }
    }
}
