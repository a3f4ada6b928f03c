package dev.gamma.node;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.cluster.ClusterCommands;
import dev.gamma.relay.PlayerSession;
import dev.gamma.relay.SessionSnapshot;
import dev.gamma.relay.SessionTraffic;
import dev.gamma.testkit.Await;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NodeDrainTest {
    private final Vertx vertx = Vertx.vertx();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicInteger connections = new AtomicInteger(1);
    private final AtomicInteger listenerCloses = new AtomicInteger();
    private final AtomicInteger listenerOpens = new AtomicInteger();
    private final List<Long> announced = new CopyOnWriteArrayList<>();
    private final List<String> kicks = new CopyOnWriteArrayList<>();
    private final NodeDrain drain = drainReopeningWith(() -> {
        listenerOpens.incrementAndGet();
        return Future.succeededFuture();
    });

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void aSecondRequestMayBringTheDeadlineForwardButNeverPushItBack() throws Exception {
        assertThat(await(drain.drain(60_000))).isEqualTo(1_060_000L);
        assertThat(drain.draining()).isTrue();
        assertThat(await(drain.drain(3_600_000))).isEqualTo(1_060_000L);
        assertThat(await(drain.drain(10_000))).isEqualTo(1_010_000L);
        assertThat(announced).containsExactly(1_060_000L, 1_010_000L);
        assertThat(listenerCloses).hasValue(1);
        assertThat(drain.drained().isComplete()).isFalse();
    }

    @Test
    void saysItDrainsOnlyOnceTheListenerIsClosed() throws Exception {
        Promise<Void> listenerClosed = Promise.promise();
        NodeDrain slowClose = new NodeDrain(vertx, new NodeDrain.Parts(listenerClosed::future,
                Future::succeededFuture, deadline -> Future.succeededFuture(), connections::get, List::of,
                () -> "Restarting"), clock::get);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger gamma = (Logger) LoggerFactory.getLogger("gamma");
        gamma.addAppender(log);
        try {
            Future<Long> answer = slowClose.drain(60_000);
            assertThat(slowClose.draining()).isTrue();
            assertThat(answer.isComplete()).as("answered before the listener closed").isFalse();
            assertThat(log.list).as("said before the listener closed")
                    .noneMatch(e -> e.getFormattedMessage().startsWith("draining"));
            listenerClosed.complete();
            assertThat(await(answer)).isEqualTo(1_060_000L);
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith(
                    "draining: no new players; 1 session(s) relaying until they end or the deadline"));
        } finally {
            gamma.detachAppender(log);
            slowClose.stopping();
        }
    }

    @Test
    void calledOffBeforeTheDeadlineTheNodeTakesPlayersAgainAndNobodyIsToldToLeave() throws Exception {
        await(drain.drain(5_000));
        await(drain.resume());
        assertThat(drain.draining()).isFalse();
        assertThat(listenerOpens).hasValue(1);
        assertThat(announced).containsExactly(1_005_000L, 0L);
        clock.addAndGet(60_000);
        connections.set(0);
        Thread.sleep(3 * NodeDrain.TICK_MILLIS); // ticks, had they not stopped, would kick and end the drain
        assertThat(kicks).isEmpty();
        assertThat(drain.drained().isComplete()).as("the node is not stopped").isFalse();

        assertThat(await(drain.drain(1_000))).as("a new drain starts afresh").isEqualTo(1_061_000L);
        assertThat(listenerCloses).hasValue(2);
        await(drain.drained());
    }

    @Test
    void callingOffIsRefusedOnceThePlayersLeftWereToldAndIsNothingWhileServing() throws Exception {
        await(drain.resume());
        assertThat(listenerOpens).as("a serving node's listener is left alone").hasValue(0);
        await(drain.drain(1_000));
        clock.addAndGet(1_000);
        Await.until(Duration.ofSeconds(5), "the kick", () -> !kicks.isEmpty());
        Future<Void> late = drain.resume();
        Await.until(Duration.ofSeconds(5), "the answer", late::isComplete);
        assertThat(late.cause()).isInstanceOf(ClusterCommands.Conflict.class)
                .hasMessageContaining("deadline has passed");
        assertThat(drain.draining()).isTrue();
        assertThat(listenerOpens).hasValue(0);
    }

    @Test
    void callingOffIsRefusedFromTheDeadlineOnEvenBeforeTheTickThatTellsThePlayers() {
        await(drain.drain(1_000));
        clock.addAndGet(1_000);
        assertThat(drain.resume().cause()).isInstanceOf(ClusterCommands.Conflict.class)
                .hasMessageContaining("deadline has passed");
        assertThat(listenerOpens).hasValue(0);
    }

    @Test
    void aDrainAskedForWhileTheListenerReopensWinsOverTheCallingOff() {
        Promise<Void> reopened = Promise.promise();
        NodeDrain slowOpen = slowToReopen(reopened);
        await(slowOpen.drain(60_000));
        Future<Void> callOff = slowOpen.resume();
        await(slowOpen.drain(30_000)); // answered as draining: it must stay so
        reopened.complete();
        assertThat(callOff.cause()).isInstanceOf(ClusterCommands.Conflict.class)
                .hasMessageContaining("a drain was asked for");
        assertThat(slowOpen.draining()).isTrue();
        assertThat(listenerCloses).as("the reopened listener closed again").hasValue(2);
        slowOpen.stopping();
    }

    @Test
    void aNodeThatStopsWhileTheListenerReopensDoesNotServeAgain() {
        Promise<Void> reopened = Promise.promise();
        NodeDrain slowOpen = slowToReopen(reopened);
        await(slowOpen.drain(60_000));
        Future<Void> callOff = slowOpen.resume();
        slowOpen.stopping();
        reopened.complete();
        assertThat(callOff.cause()).isInstanceOf(ClusterCommands.Conflict.class).hasMessage("the node is stopping");
        assertThat(announced).as("never announced as serving").containsExactly(1_060_000L);
        assertThat(slowOpen.resume().cause()).hasMessage("the node is stopping");
    }

    private NodeDrain slowToReopen(Promise<Void> reopened) {
        return drainReopeningWith(reopened::future);
    }

    /** A drain over this test's listener, directory, sessions and clock, reopening the listener with {@code reopen}. */
    private NodeDrain drainReopeningWith(Supplier<Future<Void>> reopen) {
        return new NodeDrain(vertx, new NodeDrain.Parts(() -> {
            listenerCloses.incrementAndGet();
            return Future.succeededFuture();
        }, reopen, deadline -> {
            announced.add(deadline);
            return Future.succeededFuture();
        }, connections::get, () -> List.of(new Kicked()), () -> "Restarting"), clock::get);
    }

    @Test
    void endsWhenTheLastSessionEndsWithoutTellingAnyone() throws Exception {
        await(drain.drain(60_000));
        connections.set(0);
        await(drain.drained());
        assertThat(kicks).isEmpty();
    }

    @Test
    void atTheDeadlineThePlayersLeftReadTheMessageThenTheDrainEnds() throws Exception {
        await(drain.drain(5_000));
        clock.addAndGet(5_000);
        Await.until(Duration.ofSeconds(5), "the kick", () -> !kicks.isEmpty());
        assertThat(kicks).containsExactly("Restarting");
        assertThat(drain.drained().isComplete()).isFalse();
        connections.set(0);
        await(drain.drained());
        assertThat(kicks).hasSize(1);
    }

    @Test
    void aSessionThatWillNotCloseDoesNotHoldTheStopForever() throws Exception {
        await(drain.drain(1_000));
        clock.addAndGet(60_000);
        Await.until(Duration.ofSeconds(5), "the kick", () -> !kicks.isEmpty());
        assertThat(drain.drained().isComplete()).isFalse();
        clock.addAndGet(NodeDrain.CLOSE_GRACE_MILLIS);
        await(drain.drained());
        assertThat(kicks).containsExactly("Restarting");
    }

    private final class Kicked implements PlayerSession {
        @Override
        public String id() {
            return "n-1";
        }

        @Override
        public SessionSnapshot snapshot() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SessionTraffic traffic() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long connectedAt() {
            return 0;
        }

        @Override
        public Future<Boolean> kick(String reason) {
            kicks.add(reason);
            return Future.succeededFuture(true);
        }

        @Override
        public Future<Boolean> sendChat(String text) {
            return Future.succeededFuture(false);
        }
    }
}
