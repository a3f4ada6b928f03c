package dev.gamma.relay;

import static dev.gamma.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.route.Backend;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.FallbackStatus;
import dev.gamma.route.Route;
import dev.gamma.route.StatusPlayers;
import dev.gamma.route.Strategy;
import dev.gamma.testkit.Closing;
import dev.gamma.testkit.SilentNameServer;
import dev.gamma.vertx.VertxInternals;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend named by a host name whose name server never answers: the lookup counts toward {@code timeouts.connect},
 * so a login moves on to the route's next backend (or is refused) in that time, not in the resolver's own, and a
 * status ping fails in it too.
 */
class BackendConnectorTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1_000);
    private static final Backend UNANSWERED = new Backend("backend.unanswered.test", 25565);

    private SilentNameServer silentNameServer;
    private ServerSocket listening;
    private Vertx vertx;
    private Channel client;

    @BeforeEach
    void start() throws Exception {
        silentNameServer = new SilentNameServer();
        listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        vertx = silentNameServer.vertx();
        EventLoop loop = VertxInternals.eventLoopGroup(vertx).next();
        client = new NioSocketChannel();
        loop.register(client).sync();
    }

    @AfterEach
    void stop() throws Exception {
        client.close().syncUninterruptibly();
        Closing.all(silentNameServer, listening, () -> await(vertx.close()));
    }

    @Test
    void aNameThatIsNeverResolvedFailsTheAttemptWithinTheConnectTimeout() {
        Future<BackendConnector.Connected> attempt = connect(UNANSWERED);

        Throwable failure = await(attempt.transform(done -> Future.succeededFuture(done.cause())));
        assertThat(failure).isInstanceOf(TimeoutException.class)
                .hasMessage("the name lookup of backend.unanswered.test took over 1000 ms");
    }

    @Test
    void aLoginMovesOnToTheNextBackendWhenANameIsNeverResolved() {
        Backend answering = new Backend("127.0.0.1", listening.getLocalPort());

        BackendConnector.Connected connected = await(connect(UNANSWERED, answering));

        assertThat(connected.backend()).isEqualTo(answering);
        assertThat(connected.channel().isActive()).isTrue();
        connected.channel().close().syncUninterruptibly();
    }

    @Test
    void aStatusPingFailsWithinTheConnectTimeoutWhenTheNameIsNeverResolved() {
        var pinger = new BackendPinger(vertx, vertx.createNetClient(), () -> CONNECT_TIMEOUT);

        Throwable failure = await(pinger.ping(UNANSWERED, "play.test", 765)
                .transform(done -> Future.succeededFuture(done.cause())));

        assertThat(failure).isInstanceOf(TimeoutException.class)
                .hasMessage("connecting to backend.unanswered.test:25565 took over 1000 ms");
    }

    /**
     * Whatever fails while the socket is made ("Too many open files", say; here a client channel that has no event
     * loop to share) fails the attempt: the login is refused rather than left waiting, and the balancer's count of
     * connections to the backend is given back.
     */
    @Test
    void anAttemptWhoseSocketCannotBeMadeFailsAndGivesItsCountBack() {
        Backend backend = new Backend("127.0.0.1", listening.getLocalPort());
        BackendBalancer balancer = new BackendBalancer(bound -> 0);

        Throwable failure = await(connect(balancer, new NioSocketChannel(), backend)
                .transform(done -> Future.succeededFuture(done.cause())));

        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(balancer.activeConnections(backend)).isZero();
    }

    private Future<BackendConnector.Connected> connect(Backend... backends) {
        return connect(new BackendBalancer(bound -> 0), client, backends);
    }

    private Future<BackendConnector.Connected> connect(BackendBalancer balancer, Channel from, Backend... backends) {
        Route route = new Route("play.test", List.of("play.test"), Arrays.asList(backends), Strategy.FIRST, "none",
                "", 0, Duration.ofSeconds(10), new FallbackStatus("", "", "", 0, 0), "down", List.of(), false, "none",
                false, StatusPlayers.BACKEND);
        Context context = VertxInternals.eventLoopContext(vertx, client.eventLoop());
        Promise<BackendConnector.Connected> connected = Promise.promise();
        context.runOnContext(v -> BackendConnector.connect(balancer, route, CONNECT_TIMEOUT, from, context)
                .onComplete(connected)); // on the client's loop, as a session does
        return connected.future();
    }
}
