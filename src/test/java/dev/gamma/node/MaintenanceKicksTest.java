package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.SharedRoute;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionInfo;
import dev.gamma.relay.SessionSnapshot;
import dev.gamma.relay.SessionTraffic;
import dev.gamma.route.Maintenance;
import dev.gamma.route.Route;
import dev.gamma.route.RouteJson;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceKicksTest {
    private static final Route PLAY = RouteJson.decode(
            "{\"host\":[\"play.test\",\"www.play.test\"],\"backends\":[\"127.0.0.1:1\"]}");
    private static final Route OTHER = RouteJson.decode("{\"host\":[\"other.test\"],\"backends\":[\"127.0.0.1:1\"]}");

    private final List<Kickable> sessions = List.of(new Kickable("play.test", "Guest"),
            new Kickable("play.test", "STAFF"), new Kickable("play.test", null), new Kickable("other.test", "Guest"));
    private final MaintenanceKicks kicks = new MaintenanceKicks(() -> List.copyOf(sessions));

    @Test
    void withKickCurrentOnlyTheRoutesPlayersWhoAreNotAllowedAreKickedWithTheMessage() {
        Route closed = PLAY.withMaintenance(new Maintenance(true, "", "Back at 6", List.of("staff"), true));

        assertThat(kicks.apply(table(closed))).isEqualTo(2);

        assertThat(sessions.get(0).reasons).containsExactly("Back at 6");
        assertThat(sessions.get(1).reasons).isEmpty();
        assertThat(sessions.get(2).reasons).containsExactly("Back at 6");
        assertThat(sessions.get(3).reasons).isEmpty();
    }

    @Test
    void withoutKickCurrentOrOutOfMaintenanceNobodyIsKicked() {
        assertThat(kicks.apply(table(PLAY.withMaintenance(new Maintenance(true, "", "", List.of(), false))))).isZero();
        assertThat(kicks.apply(table(PLAY.withMaintenance(new Maintenance(false, "", "", List.of(), true))))).isZero();
        assertThat(kicks.apply(table(PLAY))).isZero();
        assertThat(sessions).allMatch(s -> s.reasons.isEmpty());
    }

    @Test
    void theDefaultMessageIsSentWhenNoneIsSet() {
        kicks.apply(table(PLAY.withMaintenance(new Maintenance(true, "", " ", List.of(), true))));
        assertThat(sessions.get(0).reasons).containsExactly(Maintenance.DEFAULT_MESSAGE);
    }

    private static Map<String, SharedRoute> table(Route play) {
        return Map.of("play.test", new SharedRoute("play.test", play, SharedRoute.Source.API, 1),
                "www.play.test", new SharedRoute("www.play.test", play, SharedRoute.Source.API, 1),
                "other.test", new SharedRoute("other.test", OTHER, SharedRoute.Source.FILE, 1));
    }

    private static final class Kickable implements PlayerSession {
        final List<String> reasons = new ArrayList<>();
        private final SessionSnapshot snapshot;

        Kickable(String route, String name) {
            this.snapshot = new SessionSnapshot(new SessionInfo("127.0.0.1", route, route, "127.0.0.1:1", name, null,
                    769), SessionSnapshot.Stage.RELAYING, false);
        }

        @Override
        public String id() {
            return "s-" + snapshot.info().username();
        }

        @Override
        public SessionSnapshot snapshot() {
            return snapshot;
        }

        @Override
        public SessionTraffic traffic() {
            return new SessionTraffic();
        }

        @Override
        public long connectedAt() {
            return 0;
        }

        @Override
        public Future<Boolean> kick(String reason) {
            reasons.add(reason);
            return Future.succeededFuture(true);
        }

        @Override
        public Future<Boolean> sendChat(String text) {
            return Future.succeededFuture(false);
        }
    }
}
