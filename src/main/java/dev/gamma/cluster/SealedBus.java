package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Requests and replies over the event bus, sealed by {@link CommandSeal} both ways: a consumer carries out only
 * genuine, fresh commands (a refused one is answered with a failure, 403), and a reply is read only if it opens.
 */
final class SealedBus {
    private final Vertx vertx;
    private final CommandSeal seal;

    SealedBus(Vertx vertx, CommandSeal seal) {
        this.vertx = vertx;
        this.seal = seal;
    }

    /** A consumer at {@code address} that answers each genuine command with {@code command}'s sealed reply. */
    MessageConsumer<Object> answer(String address, Function<JsonObject, Future<JsonObject>> command) {
        // typed Object: a stranger's message may hold anything, and must be refused, not thrown
        return vertx.eventBus().<Object>consumer(address, message -> {
            JsonObject body;
            try {
                body = seal.unwrap(address, message.body());
            } catch (CommandSeal.Rejected e) {
                message.fail(403, "rejected: " + e.getMessage());
                return;
            }
            command.apply(body)
                    .onSuccess(reply -> message.reply(seal.wrapReply((JsonObject) message.body(), reply)))
                    .onFailure(e -> message.fail(failureCode(e), e.getMessage()));
        });
    }

    private static int failureCode(Throwable failure) {
        if (failure instanceof BadRequest) {
            return 400;
        }
        return failure instanceof ClusterCommands.Conflict ? 409 : 500;
    }

    /**
     * Sends a sealed request and opens its sealed reply; a refusal with 409 fails as a
     * {@link ClusterCommands.Conflict}.
     */
    Future<JsonObject> request(String address, JsonObject body, long timeoutMillis) {
        JsonObject envelope = seal.wrap(address, body);
        return vertx.eventBus().<Object>request(address, envelope, new DeliveryOptions().setSendTimeout(timeoutMillis))
                .recover(e -> Future.failedFuture(e instanceof ReplyException refused && refused.failureCode() == 409
                        ? new ClusterCommands.Conflict(refused.getMessage()) : e))
                .compose(reply -> {
                    try {
                        return Future.succeededFuture(seal.unwrapReply(envelope, reply.body()));
                    } catch (CommandSeal.Rejected e) {
                        return Future.failedFuture("its reply was rejected: " + e.getMessage());
                    }
                });
    }

    /** A genuine command whose content is wrong: answered with 400. */
    static final class BadRequest extends IllegalArgumentException {
        BadRequest(String message) {
            super(message);
        }
    }
}
