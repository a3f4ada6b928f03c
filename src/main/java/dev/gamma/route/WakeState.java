package dev.gamma.route;

import java.util.Locale;

/** Where a route with {@code wake} stands, as the fleet shares it. */
public enum WakeState {
    /** Its backend answers. */
    AWAKE,
    /** Its backend is down, and a login wakes it. */
    ASLEEP,
    /** Its wake action ran; the fleet waits for the backend to answer. */
    STARTING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a label names, or null for anything else. */
    public static WakeState of(Object label) {
        for (WakeState state : values()) {
            if (state.label().equals(label)) {
                return state;
            }
        }
        return null;
    }
}
