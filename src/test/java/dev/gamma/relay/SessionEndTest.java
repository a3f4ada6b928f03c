package dev.gamma.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SessionEndTest {

    @Test
    void theFirstReasonOfferedIsTheOneTheSessionEndsWith() {
        SessionEnd end = new SessionEnd();
        assertThat(end.offer(Outcome.LOGIN_TIMEOUT, "the login did not finish within 1000 ms")).isTrue();
        assertThat(end.offer(Outcome.ROUTED, "kicked: bye")).isFalse();
        assertThat(end.offer(Outcome.ROUTED, "client connection failed: Connection reset by peer")).isFalse();

        assertThat(end.settle(Outcome.ROUTED)).isEqualTo(
                new SessionEnd.Reason(Outcome.LOGIN_TIMEOUT, "the login did not finish within 1000 ms", true));
    }

    @Test
    void withNoReasonOfferedTheSessionEndsWithTheOutcomeItSettlesFor() {
        SessionEnd end = new SessionEnd();
        assertThat(end.settle(Outcome.ROUTED)).isEqualTo(new SessionEnd.Reason(Outcome.ROUTED, "", true));
        assertThat(end.offer(Outcome.KICKED, "too late")).as("settled is final").isFalse();
        assertThat(end.settle(Outcome.SHUTDOWN).outcome()).isEqualTo(Outcome.ROUTED);
    }

    @Test
    void aQuietReasonStaysQuiet() {
        SessionEnd end = new SessionEnd();
        end.offer(new SessionEnd.Reason(Outcome.RATE_LIMITED, "closed after its PROXY header", false));
        end.offer(Outcome.CLOSED_EARLY, "");
        assertThat(end.settle(Outcome.CLOSED_EARLY).logged()).isFalse();
    }

    @Property
    void whateverIsOfferedAfterwardsTheFirstOfferStands(
            @ForAll @NotEmpty @Size(max = 20) List<Outcome> outcomes, @ForAll Outcome fallback) {
        SessionEnd end = new SessionEnd();
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            accepted.add(end.offer(outcomes.get(i), "offer " + i));
        }
        assertThat(accepted.get(0)).isTrue();
        assertThat(accepted.subList(1, accepted.size())).doesNotContain(true);
        assertThat(end.settle(fallback)).isEqualTo(new SessionEnd.Reason(outcomes.get(0), "offer 0", true));
    }

    @RepeatedTest(20)
    void amongConcurrentWritersExactlyOneWinsAndEveryoneSeesItsReason() throws Exception {
        int writers = 8;
        SessionEnd end = new SessionEnd();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> offers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String detail = "writer " + i;
                offers.add(threads.submit(() -> {
                    go.await();
                    return end.offer(Outcome.ROUTED, detail);
                }));
            }
            go.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                if (offers.get(i).get(5, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(end.settle(Outcome.SHUTDOWN).detail()).isEqualTo("writer " + winners.get(0));
        } finally {
            threads.shutdownNow();
        }
    }
}
