package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Requests and replies over the event bus, sealed by {@link CommandSeal} both ways: a consumer carries out only
 * genuine, fresh commands (a refused one is answered with a failure, 403), and a reply is read only if it opens. A
 * genuine command's failure (400, 409, 500) is sealed too, so that a stranger answering on a node's address can make
 * a request fail, but never with a node's reason or as a refusal ({@link ClusterCommands.Conflict}).
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
            JsonObject request = (JsonObject) message.body();
            command.apply(body)
                    .onSuccess(reply -> message.reply(seal.wrapReply(request, reply)))
                    .onFailure(e -> {
                        int code = failureCode(e);
                        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        message.fail(code, seal.wrapFailure(request, code, why).encode());
                    });
        });
    }

    private static int failureCode(Throwable failure) {
        if (failure instanceof BadRequest) {
            return 400;
        }
        return failure instanceof ClusterCommands.Conflict ? 409 : 500;
    }

    /**
     * Sends a sealed request and opens its sealed reply. A sealed failure fails with the node's reason, as a
     * {@link ClusterCommands.Conflict} if it is a refusal (409); one that does not open fails without it.
     */
    Future<JsonObject> request(String address, JsonObject body, long timeoutMillis) {
        JsonObject envelope = seal.wrap(address, body);
        return vertx.eventBus().<Object>request(address, envelope, new DeliveryOptions().setSendTimeout(timeoutMillis))
                .recover(e -> Future.failedFuture(opened(envelope, address, timeoutMillis, e)))
                .compose(reply -> {
                    try {
                        return Future.succeededFuture(seal.unwrapReply(envelope, reply.body()));
                    } catch (CommandSeal.Rejected e) {
                        return Future.failedFuture("its reply was rejected: " + e.getMessage());
                    }
                });
    }

    /**
     * What a failed request failed with, in words a stranger cannot choose: a failure's type travels with it, so
     * only a sealed failure keeps the node's reason, and every other answer is told in this node's words.
     */
    private Throwable opened(JsonObject request, String address, long timeoutMillis, Throwable failure) {
        if (!(failure instanceof ReplyException answered)) {
            return failure;
        }
        int code = answered.failureCode();
        return switch (answered.failureType()) {
            case TIMEOUT -> new ReplyException(ReplyFailure.TIMEOUT, -1,
                    "no answer from " + address + " within " + timeoutMillis + " ms");
            case NO_HANDLERS -> new ReplyException(ReplyFailure.NO_HANDLERS, -1, "nobody answers at " + address);
            case ERROR -> new ReplyException(ReplyFailure.ERROR, -1,
                    "the request to " + address + " failed in delivery");
            case RECIPIENT_FAILURE -> code == 403
                    // a refusal of the command itself is not sealed (the node may not share this node's secret)
                    ? new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 403,
                            "refused by the node (403): it did not accept this node's command; its log says why")
                    : openedFailure(request, code, answered.getMessage());
        };
    }

    private Throwable openedFailure(JsonObject request, int code, String failure) {
        try {
            String why = seal.unwrapFailure(request, code, failure);
            return code == 409 ? new ClusterCommands.Conflict(why)
                    : new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, why);
        } catch (CommandSeal.Rejected e) {
            return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code,
                    "failed with an answer that could not be verified (" + code + ", " + e.getMessage() + ")");
        }
    }

    /** A genuine command whose content is wrong: answered with 400. */
    static final class BadRequest extends IllegalArgumentException {
        BadRequest(String message) {
            super(message);
        }
    }
}
