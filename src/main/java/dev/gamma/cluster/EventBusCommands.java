package dev.gamma.cluster;

import dev.gamma.config.ShutdownConfig;
import dev.gamma.protocol.Printable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kick and broadcast over the (clustered) event bus: a kick is a request to the node that holds the player,
 * a broadcast a request to every node, and the answers are summed. Standalone, the same requests go over the
 * local event bus to this node. Every request and reply is sealed by {@link CommandSeal}: a node carries out only
 * commands from nodes that share its secret, once, and a refused one is answered with a failure (403).
 */
public final class EventBusCommands implements ClusterCommands {
    private static final Logger LOG = LoggerFactory.getLogger(EventBusCommands.class);
    private static final long REPLY_TIMEOUT_MILLIS = 5_000;

    /** What this node does to its own sessions when asked. */
    public interface LocalActions {
        /** Ends the local sessions with these ids; answers how many there were. */
        Future<Integer> kick(List<String> sessionIds, String reason);

        Future<BroadcastResult> broadcast(String message);
    }

    /** What this node does when asked to drain, or to call its drain off. */
    public interface DrainAction {
        /** Starts a drain that ends at most {@code withinMillis} from now; answers its deadline, epoch ms. */
        Future<Long> drain(long withinMillis);

        /** Takes players again; fails with {@link Conflict} once the drain's deadline has passed. */
        Future<Void> resume();
    }

    private final Crosstalk crosstalk;
    private final SealedBus bus;
    private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

    public EventBusCommands(Vertx vertx, Crosstalk crosstalk) {
        this.crosstalk = crosstalk;
        this.bus = new SealedBus(vertx, crosstalk.commandSeal());
    }

    /** Answers other nodes' requests for this node's sessions. */
    public Future<Void> listen(LocalActions local) {
        String self = crosstalk.nodes().selfId();
        MessageConsumer<Object> kick = answer(Addresses.kick(self), body -> {
            List<String> ids = body.getJsonArray("ids", new JsonArray()).stream().map(String::valueOf).toList();
            return local.kick(ids, body.getString("reason", "")).map(n -> new JsonObject().put("kicked", n));
        });
        MessageConsumer<Object> broadcast = answer(Addresses.broadcast(self), body ->
                local.broadcast(body.getString("message", "")).map(r -> new JsonObject()
                        .put("reached", r.reached()).put("unreachable", r.unreachable())));
        MessageConsumer<Object> hello = answer(Addresses.hello(self), body -> Future.succeededFuture(new JsonObject()));
        consumers.add(kick);
        consumers.add(broadcast);
        consumers.add(hello);
        return Future.all(kick.completion(), broadcast.completion(), hello.completion()).onSuccess(v -> greet())
                .mapEmpty();
    }

    /**
     * Greets every other node: the event bus connects to a node at its first message, and each side seals and opens
     * for the first time, which took the first kick or broadcast after a start over 100 ms. Nothing waits for it;
     * it completes when every node answered or failed to.
     */
    Future<Void> greet() {
        String self = crosstalk.nodes().selfId();
        List<Future<JsonObject>> answers = new ArrayList<>();
        for (NodeInfo node : crosstalk.nodes().nodes()) {
            if (!node.id().equals(self)) {
                answers.add(request(Addresses.hello(node.id()), new JsonObject()).onFailure(e -> LOG.debug("node {}"
                        + " did not answer a greeting: {}", Printable.escape(node.id(), 80),
                        Printable.escape(e.getMessage(), 300))));
            }
        }
        return Future.all(answers).mapEmpty();
    }

    /** Answers other nodes' (and this node's own API's) requests to drain this node. */
    public Future<Void> listenDrain(DrainAction action) {
        MessageConsumer<Object> drain = answer(Addresses.drain(crosstalk.nodes().selfId()), body -> {
            if (Boolean.TRUE.equals(body.getValue("resume"))) {
                return action.resume().map(v -> new JsonObject().put("state", NodeInfo.SERVING));
            }
            long most = ShutdownConfig.MAX_DRAIN.toMillis();
            if (!(body.getValue("withinMillis") instanceof Number within) || within.longValue() < 0
                    || within.longValue() > most) {
                return Future.failedFuture("withinMillis must be a number of milliseconds from 0 to " + most);
            }
            return action.drain(within.longValue()).map(deadline -> new JsonObject().put("deadline", deadline));
        });
        consumers.add(drain);
        return drain.completion();
    }

    private MessageConsumer<Object> answer(String address,
            java.util.function.Function<JsonObject, Future<JsonObject>> command) {
        return bus.answer(address, command);
    }

    private Future<JsonObject> request(String address, JsonObject body) {
        return bus.request(address, body, REPLY_TIMEOUT_MILLIS);
    }

    public Future<Void> close() {
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    }

    @Override
    public Future<Integer> kick(String name, String reason) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return kickSessions(crosstalk.players().snapshot().stream()
                .filter(entry -> entry.name().toLowerCase(Locale.ROOT).equals(wanted))
                .toList(), reason);
    }

    @Override
    public Future<Integer> kickSessions(List<PlayerEntry> sessions, String reason) {
        Map<String, List<String>> idsByNode = new LinkedHashMap<>();
        for (PlayerEntry entry : sessions) {
            idsByNode.computeIfAbsent(entry.node(), n -> new ArrayList<>()).add(entry.id());
        }
        List<Future<Integer>> answers = new ArrayList<>();
        idsByNode.forEach((node, ids) -> {
            JsonObject request = new JsonObject().put("ids", new JsonArray(ids)).put("reason", reason);
            answers.add(request(Addresses.kick(node), request)
                    .map(reply -> reply.getInteger("kicked", 0))
                    .otherwise(e -> {
                        LOG.warn("kick of {} on node {} got no answer: {}", ids, node,
                                Printable.escape(e.getMessage(), 300));
                        return 0;
                    }));
        });
        return Future.all(answers).map(all -> answers.stream().mapToInt(Future::result).sum());
    }

    @Override
    public Future<BroadcastResult> broadcast(String message) {
        Set<String> nodes = new LinkedHashSet<>();
        crosstalk.nodes().nodes().forEach(node -> nodes.add(node.id()));
        nodes.add(crosstalk.nodes().selfId());
        JsonObject request = new JsonObject().put("message", message);
        List<Future<BroadcastResult>> answers = new ArrayList<>();
        for (String node : nodes) {
            answers.add(request(Addresses.broadcast(node), request)
                    .map(reply -> new BroadcastResult(reply.getInteger("reached", 0),
                            reply.getInteger("unreachable", 0)))
                    .otherwise(e -> {
                        LOG.warn("broadcast to node {} got no answer: {}", node, Printable.escape(e.getMessage(), 300));
                        return new BroadcastResult(0, 0);
                    }));
        }
        return Future.all(answers).map(all -> answers.stream().map(Future::result)
                .reduce(new BroadcastResult(0, 0),
                        (a, b) -> new BroadcastResult(a.reached() + b.reached(), a.unreachable() + b.unreachable())));
    }

    @Override
    public Future<Long> drain(String nodeId, Duration within) {
        return request(Addresses.drain(nodeId), new JsonObject().put("withinMillis", within.toMillis()))
                .map(reply -> reply.getLong("deadline", 0L));
    }

    @Override
    public Future<Void> resume(String nodeId) {
        return request(Addresses.drain(nodeId), new JsonObject().put("resume", true)).mapEmpty();
    }
}
