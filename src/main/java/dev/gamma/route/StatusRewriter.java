package dev.gamma.route;

import dev.gamma.protocol.PlayerNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Shows a route in maintenance as such (see {@link Maintenance}), and puts a route's {@link StatusPlayers} choices
 * into the answers of its server-list pings: the backend's cached answer and the route's fallback alike, so a
 * ping shows the same count whether the backend is up or down. The legacy ping's reply is read from the same answer.
 */
public final class StatusRewriter {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RoutePlayers registry;

    public StatusRewriter(RoutePlayers registry) {
        this.registry = registry;
    }

    /** What a ping on {@code route} shows, given the backend's (cached) answer. */
    public String answer(Route route, StatusBody backend, int clientProtocol) {
        if (route.maintenance().enabled()) {
            return fallback(route, clientProtocol);
        }
        if (!route.statusPlayers().rewrites()) {
            return backend.json();
        }
        if (!backend.isObject()) {
            // an answer that is not a status object has no place for a count; the route's fallback has one
            return fallback(route, clientProtocol);
        }
        return backend.withPlayers(players(route, backend.players()));
    }

    /** What a ping on {@code route} shows while no backend answers, or at once while it is in maintenance. */
    public String fallback(Route route, int clientProtocol) {
        JsonObject status = StatusJson.object(shown(route), clientProtocol);
        if (route.statusPlayers().rewrites()) {
            status.put("players", players(route, status.getJsonObject("players")));
        }
        return status.encode();
    }

    /** In maintenance: its MOTD, and a version name with protocol -1, which a vanilla client shows in red. */
    private static FallbackStatus shown(Route route) {
        FallbackStatus fallback = route.fallback();
        if (!route.maintenance().enabled()) {
            return fallback;
        }
        return new FallbackStatus(route.maintenance().shownMotd(), Maintenance.VERSION_NAME, fallback.favicon(),
                fallback.online(), fallback.max());
    }

    private JsonObject players(Route route, JsonObject shown) {
        StatusPlayers choice = route.statusPlayers();
        JsonObject players = new JsonObject()
                .put("max", choice.max() != StatusPlayers.BACKEND_MAX ? (Number) choice.max() : number(shown, "max"))
                .put("online", choice.network() ? (Number) registry.online(route.name()) : number(shown, "online"));
        if (choice.sample()) {
            players.put("sample", sample(route.name()));
        } else if (choice.network()) {
            players.put("sample", new JsonArray()); // the backend's own players are not the network's
        } else if (shown.getValue("sample") instanceof JsonArray backendSample) {
            players.put("sample", backendSample);
        }
        return players;
    }

    /** Names that a vanilla server would let in, with a UUID the client can read: nothing else is shown. */
    private JsonArray sample(String route) {
        JsonArray sample = new JsonArray();
        // a few more than shown, so that a name left out does not shorten the list
        for (RoutePlayers.Listed player : registry.sample(route, 2 * StatusPlayers.SAMPLE_SIZE)) {
            String name = player.name();
            if (name == null || PlayerNames.problem(name).isPresent()) {
                continue;
            }
            if (sample.size() == StatusPlayers.SAMPLE_SIZE) {
                break;
            }
            String uuid = player.uuid() != null && UUID_TEXT.matcher(player.uuid()).matches()
                    ? player.uuid().toLowerCase(Locale.ROOT)
                    : UUID.nameUUIDFromBytes(("OfflinePlayer:" + name).getBytes(StandardCharsets.UTF_8)).toString();
            sample.add(new JsonObject().put("name", name).put("id", uuid));
        }
        return sample;
    }

    private static Number number(JsonObject players, String key) {
        return players.getValue(key) instanceof Number n ? n : 0;
    }
}
