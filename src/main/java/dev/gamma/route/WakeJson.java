package dev.gamma.route;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * A route's {@code wake} key in the route's JSON form: written only when the route has it. Decoded from the cluster
 * table and data-dir (values written by nodes that hold the cluster secret, or the operator's disk); the admin API
 * never sets it (its PUT bodies go through the configuration reader, which refuses the key for them).
 */
public final class WakeJson {
    private WakeJson() {}

    static JsonObject encode(Wake wake) {
        JsonObject json = action(wake.wake())
                .put("hold", RouteJson.durationText(wake.hold()))
                .put("sleep-after", RouteJson.durationText(wake.sleepAfter()))
                .put("asleep-motd", wake.asleepMotd())
                .put("starting-motd", wake.startingMotd());
        if (wake.sleep() != null) {
            json.put("sleep", action(wake.sleep()));
        }
        return json;
    }

    private static JsonObject action(WakeAction action) {
        JsonObject json = new JsonObject();
        switch (action.kind()) {
            case COMMAND -> json.put("command", new JsonArray(action.command()));
            case HTTP -> json.put("http", action.url());
            case DOCKER -> json.put("docker", action.container());
        }
        return json;
    }

    /** Null (no wake) for an absent key; throws {@link IllegalArgumentException} naming what is wrong. */
    static Wake decode(JsonFields f) {
        if (f == null) {
            return null;
        }
        WakeAction wake = action(f, "wake");
        Duration hold = f.checked("hold", f.string("hold", "30s"), RouteJson::parseDuration);
        Duration sleepAfter = f.checked("sleep-after", f.string("sleep-after", "0s"), RouteJson::parseDuration);
        JsonFields sleepFields = f.optionalObject("sleep");
        WakeAction sleep = sleepFields == null ? null : action(sleepFields, "wake.sleep");
        if (sleepFields != null) {
            sleepFields.finish();
        }
        String asleep = f.string("asleep-motd", "");
        String starting = f.string("starting-motd", "");
        f.finish();
        try {
            return new Wake(wake, hold, sleepAfter, sleep, asleep, starting);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wake: " + e.getMessage());
        }
    }

    private static WakeAction action(JsonFields f, String where) {
        List<String> command = f.list("command", arg -> arg);
        String url = f.string("http", "");
        String container = f.string("docker", "");
        int kinds = (command == null ? 0 : 1) + (url.isEmpty() ? 0 : 1) + (container.isEmpty() ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException(where + ": set exactly one of command, http and docker");
        }
        try {
            if (command != null) {
                return WakeAction.command(command.isEmpty() ? List.of("") : command);
            }
            return url.isEmpty() ? WakeAction.docker(container) : WakeAction.http(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /**
     * {@code routeJson} as the admin API shows it: an http action's URL without the credentials or query it may
     * carry (they stay in the route the nodes share and persist).
     */
    public static JsonObject withoutSecrets(JsonObject routeJson) {
        if (routeJson.getValue("wake") instanceof JsonObject wake) {
            hideCredentials(wake);
            if (wake.getValue("sleep") instanceof JsonObject sleep) {
                hideCredentials(sleep);
            }
        }
        return routeJson;
    }

    private static void hideCredentials(JsonObject action) {
        if (action.getValue("http") instanceof String url) {
            action.put("http", shownUrl(url));
        }
    }

    static String shownUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return new java.net.URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
                    .toString();
        } catch (java.net.URISyntaxException e) {
            return "(an invalid URL)";
        }
    }
}
