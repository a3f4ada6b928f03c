package dev.gamma.tui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Bytes per second of each session, from the counters of two successive snapshots. */
final class Rates {
    static final Rates NONE = new Rates(Map.of());

    /** A session's rates: bytes per second in and out. */
    record Rate(double in, double out) {
        static final Rate ZERO = new Rate(0, 0);

        Rate plus(Rate other) {
            return new Rate(in + other.in, out + other.out);
        }
    }

    private final Map<String, Rate> bySession;

    private Rates(Map<String, Rate> bySession) {
        this.bySession = bySession;
    }

    /** Sessions only in {@code after} have no rate yet; a counter that went down (a restart) counts as zero. */
    static Rates between(Snapshot before, Snapshot after) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        if (before == after || seconds <= 0) {
            return NONE;
        }
        Map<String, Player> earlier = new HashMap<>();
        before.players().forEach(p -> earlier.put(p.key(), p));
        Map<String, Rate> rates = new HashMap<>();
        for (Player now : after.players()) {
            Player then = earlier.get(now.key());
            if (then != null) {
                rates.put(now.key(), new Rate(Math.max(0, now.bytesIn() - then.bytesIn()) / seconds,
                        Math.max(0, now.bytesOut() - then.bytesOut()) / seconds));
            }
        }
        return new Rates(rates);
    }

    Rate of(Player player) {
        return bySession.getOrDefault(player.key(), Rate.ZERO);
    }

    Rate sum(List<Player> players) {
        Rate total = Rate.ZERO;
        for (Player p : players) {
            total = total.plus(of(p));
        }
        return total;
    }
}
