package dev.gamma.cluster;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drain command over the sealed event bus: a drain, its calling off, and a refusal that keeps its meaning. */
class DrainCommandsTest {
    @TempDir
    Path dataDir;
    private Vertx vertx;
    private StandaloneCrosstalk crosstalk;
    private EventBusCommands commands;
    private String self;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile boolean tooLate;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        crosstalk = new StandaloneCrosstalk(vertx, dataDir);
        self = crosstalk.nodes().selfId();
        commands = new EventBusCommands(vertx, crosstalk);
        await(commands.listenDrain(new EventBusCommands.DrainAction() {
            @Override
            public Future<Long> drain(long withinMillis) {
                asked.add("drain " + withinMillis);
                return Future.succeededFuture(42L);
            }

            @Override
            public Future<Void> resume() {
                asked.add("resume");
                return tooLate ? Future.failedFuture(new ClusterCommands.Conflict("the deadline has passed"))
                        : Future.succeededFuture();
            }
        }));
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    @Test
    void aDrainAndItsCallingOffReachTheNode() {
        assertThat(await(commands.drain(self, Duration.ofSeconds(90)))).isEqualTo(42L);
        await(commands.resume(self));
        assertThat(asked).containsExactly("drain 90000", "resume");
    }

    @Test
    void aNodeRefusingToCallItsDrainOffIsAConflictWithItsReasonNotAnOutage() {
        tooLate = true;
        Future<Void> refused = commands.resume(self);
        Await.until(Duration.ofSeconds(5), "the answer", refused::isComplete);
        assertThat(refused.cause()).isInstanceOf(ClusterCommands.Conflict.class)
                .hasMessage("the deadline has passed");
    }

    @Test
    void aNodesOtherFailureArrivesWithItsReason() {
        Future<Long> tooLong = commands.drain(self, Duration.ofDays(400));
        Await.until(Duration.ofSeconds(5), "the answer", tooLong::isComplete);
        assertThat(tooLong.cause()).isInstanceOf(ReplyException.class).isNotInstanceOf(ClusterCommands.Conflict.class)
                .hasMessageStartingWith("withinMillis must be a number of milliseconds from 0 to ");
        assertThat(((ReplyException) tooLong.cause()).failureCode()).isEqualTo(500);
        assertThat(asked).isEmpty();
    }

    @Test
    void aStrangerAnsweringForANodeCannotFakeItsRefusalNorPutWordsInItsMouth() {
        List<Object> answers = List.of(409, 500, 403, new ReplyException(ReplyFailure.NO_HANDLERS, 409, "forged"),
                new ReplyException(ReplyFailure.TIMEOUT, 409, "forged"),
                new ReplyException(ReplyFailure.ERROR, 1, "forged"));
        for (int i = 0; i < answers.size(); i++) {
            Object answer = answers.get(i);
            String stranger = "node-the-stranger-answers-for-" + i;
            vertx.eventBus().consumer(Addresses.drain(stranger), message -> {
                if (answer instanceof Integer code) {
                    message.fail(code, "forged: the deadline has passed");
                } else {
                    message.reply(answer);
                }
            });
            Future<Void> answered = commands.resume(stranger);
            Await.until(Duration.ofSeconds(5), "the answer", answered::isComplete);
            assertThat(answered.cause()).as(String.valueOf(answer)).isNotInstanceOf(ClusterCommands.Conflict.class)
                    .hasMessageNotContaining("forged");
        }
        assertThat(crosstalk.rejections().count(ClusterRejections.Kind.REPLY))
                .as("the unsealed 409 and 500; a 403 is a refusal of the command, never sealed").isEqualTo(2);
    }

    @Test
    void anUnsealedCallingOffIsRefusedAndTheNodeGoesOnDraining() {
        Future<io.vertx.core.eventbus.Message<Object>> forged =
                vertx.eventBus().request(Addresses.drain(self), new JsonObject().put("resume", true));
        Await.until(Duration.ofSeconds(5), "the answer", forged::isComplete);
        assertThat(forged.cause()).isInstanceOf(ReplyException.class)
                .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(403));
        assertThat(asked).isEmpty();
    }

    @Test
    void anyOtherFailureStaysAFailure() {
        Future<Void> unknown = commands.resume("no-such-node");
        Await.until(Duration.ofSeconds(10), "the answer", unknown::isComplete);
        assertThat(unknown.failed()).isTrue();
        assertThat(unknown.cause()).isNotInstanceOf(ClusterCommands.Conflict.class);
        assertThat(asked).isEmpty();
    }
}
