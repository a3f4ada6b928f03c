package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
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

    private final Vertx vertx;
    private final Crosstalk crosstalk;
    private final CommandSeal seal;
    private MessageConsumer<Object> consumer;

    public WakeCommands(Vertx vertx, Crosstalk crosstalk) {
        this.vertx = vertx;
        this.crosstalk = crosstalk;
        this.seal = crosstalk.commandSeal();
    }

    /**
     * Answers other nodes' wake requests with {@code wake} (route name → the state label after it), on the caller's
     * context.
     */
    public Future<Void> listen(Function<String, String> wake) {
        String address = Addresses.wake(crosstalk.nodes().selfId());
        consumer = vertx.eventBus().<Object>consumer(address, message -> {
            JsonObject body;
            try {
                body = seal.unwrap(address, message.body());
            } catch (CommandSeal.Rejected e) {
                message.fail(403, "rejected: " + e.getMessage());
                return;
            }
            Object route = body.getValue("route");
            if (!(route instanceof String name) || name.isEmpty() || name.length() > MAX_ROUTE_CHARS) {
                message.fail(400, "a wake request names a route");
                return;
            }
            JsonObject reply = new JsonObject().put("state", wake.apply(name));
            message.reply(seal.wrapReply((JsonObject) message.body(), reply));
        });
        return consumer.completion();
    }

    /** Asks {@code node} to wake {@code route}; answers the state it reports. */
    public Future<String> ask(String node, String route) {
        String address = Addresses.wake(node);
        JsonObject envelope = seal.wrap(address, new JsonObject().put("route", route));
        return vertx.eventBus().<Object>request(address, envelope,
                new DeliveryOptions().setSendTimeout(REPLY_TIMEOUT_MILLIS)).compose(reply -> {
                    try {
                        return Future.succeededFuture(String.valueOf(
                                seal.unwrapReply(envelope, reply.body()).getValue("state")));
                    } catch (CommandSeal.Rejected e) {
                        return Future.failedFuture("its reply was rejected: " + e.getMessage());
                    }
                });
    }

    public Future<Void> close() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
