package dev.gamma.route;

/**
 * What a route's server-list answers say about players: {@code status.players}, {@code status.max} and
 * {@code status.sample}. {@link #BACKEND}, the default, shows the backend's own players object untouched.
 *
 * @param network the route's online count across the cluster replaces the backend's, and the backend's sample
 *                (its own players only) is not shown unless {@code sample} lists the network's
 * @param max     replaces {@code players.max} when 0 or more; {@link #BACKEND_MAX} keeps the backend's
 * @param sample  up to {@link #SAMPLE_SIZE} names of players online on the route replace the backend's sample
 */
public record StatusPlayers(boolean network, int max, boolean sample) {
    public static final int BACKEND_MAX = -1;
    public static final StatusPlayers BACKEND = new StatusPlayers(false, BACKEND_MAX, false);
    /** As many as a vanilla server lists. */
    public static final int SAMPLE_SIZE = 12;

    public StatusPlayers {
        if (max < BACKEND_MAX) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
    }

    /** Whether an answer differs from the backend's at all. */
    public boolean rewrites() {
        return network || max != BACKEND_MAX || sample;
    }

    /** The configuration's word for {@link #network}. */
    public String source() {
        return network ? "network" : "backend";
    }
}
