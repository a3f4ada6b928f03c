package dev.gamma.route;

import java.util.Locale;

/** What the fleet knows of a backend's health: {@code unknown} until checks conclude (used as if up). */
public enum BackendState {
    UP, DOWN, UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
