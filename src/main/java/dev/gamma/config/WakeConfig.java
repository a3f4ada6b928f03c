package dev.gamma.config;

import java.time.Duration;
import java.util.List;

/**
 * A route's {@code wake} section: how its server is woken by a login and put to sleep when the fleet has no player
 * on it. A route without the section is always on ({@link RouteConfig#wake()} is null). Only configuration files set
 * it: the admin API refuses the key, since an action runs a program or calls out from the proxy's host.
 *
 * @param sleep       null when not set (a docker wake then stops the same container)
 * @param sleepAfter  {@link Duration#ZERO}: never sleep
 * @param asleepMotd  "" for the default
 */
public record WakeConfig(Action wake, Duration hold, Duration sleepAfter, Action sleep, String asleepMotd,
        String startingMotd) {

    /** One action: {@code kind} is command, http or docker, and only its own field is set. */
    public record Action(String kind, List<String> command, String url, String container) {
        public Action {
            command = List.copyOf(command);
        }
    }
}
