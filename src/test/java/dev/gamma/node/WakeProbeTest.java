package dev.gamma.node;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.route.Backend;
import dev.gamma.testkit.Closing;
import dev.gamma.testkit.SilentNameServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe that tells a sleeping route's backend awake: a backend named by a host name whose name server never
 * answers fails its try in the probe's time (the resolver here would wait 120 s), so the owner probes again and a
 * held login is not kept waiting on the lookup; the route's next backend is still tried.
 */
class WakeProbeTest {
    private static final Backend UNANSWERED = new Backend("backend.unanswered.test", 25565);

    private SilentNameServer silentNameServer;
    private ServerSocket listening;
    private Vertx vertx;
    private NetClient client;

    @BeforeEach
    void start() throws Exception {
        silentNameServer = new SilentNameServer();
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        vertx = silentNameServer.vertx();
        client = vertx.createNetClient();
    }

    @AfterEach
    void stop() throws Exception {
        Closing.all(silentNameServer, listening, () -> await(vertx.close()));
    }

    @Test
    void aBackendWhoseNameIsNeverResolvedFailsTheProbeInItsTime() {
        Future<Void> probe = WakeService.probe(client, List.of(UNANSWERED), 0);

        Throwable failure = await(probe.transform(done -> Future.succeededFuture(done.cause())));
        assertThat(failure).isInstanceOf(TimeoutException.class);
    }

    @Test
    void theNextBackendIsProbedAfterANameThatIsNeverResolved() throws Exception {
        Future<Void> probe = WakeService.probe(client,
                List.of(UNANSWERED, new Backend("127.0.0.1", listening.getLocalPort())), 0);

        await(probe);
        try (Socket accepted = listening.accept()) {
            assertThat(accepted.getInputStream().read()).as("the probe closes what it opened").isEqualTo(-1);
        }
    }
}
