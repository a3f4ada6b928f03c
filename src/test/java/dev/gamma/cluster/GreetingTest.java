package dev.gamma.cluster;

import static dev.gamma.cluster.ClusterFixture.config;
import static dev.gamma.testkit.Await.await;
import static dev.gamma.testkit.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that starts answering commands greets the others, so that the event bus has connected both ways (and both
 * sides have sealed and opened once) before an operator's first kick or broadcast.
 */
class GreetingTest {
    @TempDir
    Path dir;

    @Test
    void aNodeThatStartsAnsweringGreetsEveryOtherNodeWithASealedHello() {
        String name = "greeting-" + UUID.randomUUID();
        List<Integer> ports = ClusterFixture.freePorts(2);
        ClusterNode a = ClusterFixture.start(config(name, ports.get(0), ports, dir.resolve("a")), List.of());
        ClusterNode b = ClusterFixture.start(config(name, ports.get(1), ports, dir.resolve("b")), List.of());
        try {
            String idA = a.crosstalk().nodes().selfId();
            await(a.crosstalk().announce(new NodeInfo(idA, "", "", 1)));
            await(b.crosstalk().announce(new NodeInfo(b.crosstalk().nodes().selfId(), "", "", 1)));
            eventually(Duration.ofSeconds(10), () -> assertThat(b.crosstalk().nodes().nodes()).hasSize(2));
            List<String> toA = new CopyOnWriteArrayList<>();
            a.vertx().eventBus().addInboundInterceptor(delivery -> {
                toA.add(delivery.message().address());
                delivery.next();
            });
            await(new EventBusCommands(a.vertx(), a.crosstalk()).listen(NO_SESSIONS));
            assertThat(toA).doesNotContain(Addresses.hello(idA));

            EventBusCommands onB = new EventBusCommands(b.vertx(), b.crosstalk());
            await(onB.listen(NO_SESSIONS));

            eventually(Duration.ofSeconds(10), () -> assertThat(toA).contains(Addresses.hello(idA)));
            await(onB.greet()); // fails unless A answered with a reply that opens
            assertThat(a.crosstalk().rejections().count(ClusterRejections.Kind.COMMAND)).as("sealed").isZero();
            assertThat(b.crosstalk().rejections().count(ClusterRejections.Kind.REPLY)).as("answered, sealed").isZero();
        } finally {
            await(Future.join(List.of(a.close(), b.close())));
        }
    }

    private static final EventBusCommands.LocalActions NO_SESSIONS = new EventBusCommands.LocalActions() {
        @Override
        public Future<Integer> kick(List<String> sessionIds, String reason) {
            return Future.succeededFuture(0);
        }

        @Override
        public Future<ClusterCommands.BroadcastResult> broadcast(String message) {
            return Future.succeededFuture(new ClusterCommands.BroadcastResult(0, 0));
        }
    };
}
