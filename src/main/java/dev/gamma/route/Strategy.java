package dev.gamma.route;

import java.util.Arrays;
import java.util.Locale;

/** How a route with several backends picks the one to try first. */
public enum Strategy {
    FIRST, ROUND_ROBIN, RANDOM, LEAST_CONNECTIONS;

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Strategy fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(s -> s.configName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy " + name));
    }
}
