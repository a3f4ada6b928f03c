package dev.gamma.config;

/**
 * A route's {@code status.players}, {@code status.max} and {@code status.sample} as written.
 *
 * @param source backend (the backend's players object) or network (the route's players across the cluster)
 * @param max    the players.max to show, or {@link #NOT_SET} to show the backend's
 * @param sample list names of the route's online players in the server list
 */
public record StatusPlayersConfig(String source, int max, boolean sample) {
    public static final int NOT_SET = -1;
    public static final StatusPlayersConfig BACKEND = new StatusPlayersConfig("backend", NOT_SET, false);
}
