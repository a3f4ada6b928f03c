package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Asks the node in charge of a route to wake its server ({@link Addresses#wake}), sealed like every command: only a
 * node that holds the cluster secret is heard, and only a route's name travels, so the action run is always the one
 * of the route as the answering node has it.
 */
public final class WakeCommands {
    private static final long REPLY_TIMEOUT_MILLIS = 3_000;
    private static final int MAX_ROUTE_CHARS = 512;

    private final Crosstalk crosstalk;
    private final SealedBus bus;
    private MessageConsumer<Object> consumer;

    public WakeCommands(Vertx vertx, Crosstalk crosstalk) {
        this.crosstalk = crosstalk;
        this.bus = new SealedBus(vertx, crosstalk.commandSeal());
    }

    /**
     * Answers other nodes' wake requests with {@code wake} (route name → the state label after it), on the caller's
     * context.
     */
    public Future<Void> listen(Function<String, String> wake) {
        consumer = bus.answer(Addresses.wake(crosstalk.nodes().selfId()), body -> {
            if (!(body.getValue("route") instanceof String name) || name.isEmpty() || name.length() > MAX_ROUTE_CHARS) {
                return Future.failedFuture(new SealedBus.BadRequest("a wake request names a route"));
            }
            return Future.succeededFuture(new JsonObject().put("state", wake.apply(name)));
        });
        return consumer.completion();
    }

    /** Asks {@code node} to wake {@code route}; answers the state it reports. */
    public Future<String> ask(String node, String route) {
        return bus.request(Addresses.wake(node), new JsonObject().put("route", route), REPLY_TIMEOUT_MILLIS)
                .map(reply -> String.valueOf(reply.getValue("state")));
    }

    public Future<Void> close() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
