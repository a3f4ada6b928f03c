package dev.gamma.cluster;

import dev.gamma.config.WakeConfig;
import dev.gamma.route.Wake;
import dev.gamma.route.WakeAction;

/** A route's {@code wake} section as configured, as the route's {@link Wake}. */
final class WakeMapping {
    private WakeMapping() {}

    static Wake wake(WakeConfig config) {
        if (config == null) {
            return null;
        }
        return new Wake(action(config.wake()), config.hold(), config.sleepAfter(), action(config.sleep()),
                config.asleepMotd(), config.startingMotd());
    }

    private static WakeAction action(WakeConfig.Action action) {
        if (action == null) {
            return null;
        }
        return switch (action.kind()) {
            case "command" -> WakeAction.command(action.command());
            case "http" -> WakeAction.http(action.url());
            default -> WakeAction.docker(action.container());
        };
    }
}
