package dev.gamma.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The player-name rule of a vanilla server since 1.18: at most 16 characters, each one from {@code !} to
 * {@code ~} (no space, no control character, nothing outside ASCII). Vanilla lets an empty name through; a
 * name that shows as nothing cannot be told apart or kicked, so it is refused too.
 */
public final class PlayerNames {
    public static final int MAX_LENGTH = 16;

    private PlayerNames() {}

    /** Why a server following the rule refuses {@code name}, in words for the player; empty when it is valid. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("Invalid username: it is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return Optional.of("Invalid characters in username: only ASCII letters, digits and symbols are"
                        + " allowed, not U+" + String.format(Locale.ROOT, "%04X", name.codePointAt(i)));
            }
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("Invalid username: it has " + name.length() + " characters, at most " + MAX_LENGTH
                    + " are allowed");
        }
        return Optional.empty();
    }
}
