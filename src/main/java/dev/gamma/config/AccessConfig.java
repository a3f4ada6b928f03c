package dev.gamma.config;

import java.util.List;

/**
 * An {@code access} key (top level, or in a route): client addresses and CIDR ranges, as written.
 *
 * @param allow when not empty, only addresses it matches may connect
 * @param deny  addresses it matches may not connect, whatever {@code allow} says
 */
public record AccessConfig(List<String> allow, List<String> deny) {
    public static final AccessConfig OPEN = new AccessConfig(List.of(), List.of());

    public AccessConfig {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }
}
