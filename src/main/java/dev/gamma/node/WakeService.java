package dev.gamma.node;

import dev.gamma.cluster.Crosstalk;
import dev.gamma.cluster.SharedTable;
import dev.gamma.cluster.WakeCommands;
import dev.gamma.cluster.WakeTable;
import dev.gamma.relay.WakeGate;
import dev.gamma.route.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Wake on connect and sleep when empty, as one node takes part in it: held logins, owner duties, the command. */
final class WakeService {
    static final long TICK_MILLIS = 500;
    static final int PROBE_TIMEOUT_MILLIS = 1_000;

    private final Vertx vertx;
    private final Context home;
    private final WakeCommands commands;
    private final WakeOwner owner;
    private final Wakes wakes;
    private long timer = -1;

    /** Built on the context its timers and answers run on. */
    WakeService(Vertx vertx, Crosstalk crosstalk, MeterRegistry registry) {
        this.vertx = vertx;
        this.home = vertx.getOrCreateContext();
        this.commands = new WakeCommands(vertx, crosstalk);
        WakeTable table = new WakeTable(crosstalk.table(SharedTable.Name.WAKE), System::currentTimeMillis);
        NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(PROBE_TIMEOUT_MILLIS));
        WakeOwner.Probe probe = route -> probe(client, route.backends(), 0);
        Wakes[] self = new Wakes[1];
        WakeMetrics metrics = new WakeMetrics(registry, () -> self[0] == null ? 0 : self[0].held());
        this.owner = new WakeOwner(crosstalk.routes()::snapshot, crosstalk.nodes(), crosstalk.claims(), table,
                name -> crosstalk.players().onRoute(name) + self[0].heldFor(name), new WakeActions(vertx)::run, probe,
                metrics, System::currentTimeMillis);
        this.wakes = new Wakes(vertx, home, crosstalk.nodes(), table, commands, owner, probe,
                () -> System.nanoTime() / 1_000_000);
        self[0] = wakes;
    }

    WakeGate gate() {
        return wakes;
    }

    /**
     * Registers the answers and the timer from the home context, whatever thread calls: the owner's state is read and
     * changed there only, so requests from other nodes, the ticks and this node's held logins never race.
     */
    Future<Void> start() {
        Promise<Void> started = Promise.promise();
        home.runOnContext(v -> {
            timer = vertx.setPeriodic(TICK_MILLIS, t -> owner.tick());
            commands.listen(owner::wake).onComplete(started);
        });
        return started.future();
    }

    Future<Void> stop() {
        vertx.cancelTimer(timer);
        return commands.close();
    }

    /**
     * Succeeds when one of the backends, tried in order, accepts a connection (closed at once); each try, its name
     * lookup included, gets {@link #PROBE_TIMEOUT_MILLIS}, and a socket that connects later is closed.
     */
    static Future<Void> probe(NetClient client, List<Backend> backends, int index) {
        Backend backend = backends.get(index);
        return client.connect(backend.port(), backend.host()).compose(NetSocket::close)
                .timeout(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .recover(failure -> index + 1 < backends.size() ? probe(client, backends, index + 1)
                        : Future.failedFuture(failure));
    }
}
