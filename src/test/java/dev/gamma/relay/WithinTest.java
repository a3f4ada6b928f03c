package dev.gamma.relay;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A step's outcome if it comes in time; a failure naming it if not; and what comes too late let go of. */
class WithinTest {
    private final Vertx vertx = Vertx.vertx();
    private final List<String> discarded = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    @Test
    void anOutcomeInTimeIsTheStepsOwn() {
        Promise<String> step = Promise.promise();
        Future<String> bounded = Within.millis(vertx, step.future(), 60_000, "the step", discarded::add);
        step.complete("socket");

        assertThat(await(bounded)).isEqualTo("socket");
        assertThat(discarded).isEmpty();
    }

    @Test
    void noOutcomeInTimeFailsNamingTheStepAndALateResultIsLetGo() {
        Promise<String> step = Promise.promise();
        Future<String> bounded = Within.millis(vertx, step.future(), 50, "the step", discarded::add);

        Throwable failure = await(bounded.transform(done -> Future.succeededFuture(done.cause())));
        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessage("the step took over 50 ms");

        step.complete("late socket");
        Await.until(Duration.ofSeconds(5), "the late result let go", () -> discarded.contains("late socket"));
        assertThat(bounded.failed()).isTrue();
    }

    @Test
    void aStepAlreadyDoneIsReturnedAsItIs() {
        Future<String> done = Future.succeededFuture("literal");
        assertThat(Within.millis(vertx, done, 1, "the step", discarded::add)).isSameAs(done);
    }
}
