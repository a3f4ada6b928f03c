package dev.gamma.relay;

import dev.gamma.pipeline.ConnectionInfo;
import dev.gamma.pipeline.NamedHandler;
import dev.gamma.pipeline.PacketPipeline;
import dev.gamma.pipeline.PacketSink;
import dev.gamma.protocol.PacketTable;
import dev.gamma.route.Route;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Consumer;

/** What a routed session needs before relaying: the bytes to replay and how to forward the rest. */
final class RelaySetup {
    /** {@code pipeline} is null for bytes relayed unread from the start. */
    record Plan(Buffer replay, PacketPipeline pipeline) {}

    private RelaySetup() {}

    static ConnectionInfo connection(Route route, SessionInfo info) {
        return new ConnectionInfo(info.protocol(), info.username(), info.uuid(), info.clientAddress(), route.name());
    }

    /**
     * Framed when the route or code registered handlers ({@code handlers}, made for this connection) or the route
     * asks to inspect packets; otherwise raw after a watched login.
     * {@code onHandlerClose} runs when a handler closes the connection, with its reason.
     */
    static Plan plan(Route route, Greeting.Login login, GreetingReader reader, ConnectionInfo connection,
            List<NamedHandler> handlers, Replay.Addresses addresses, RelayDependencies services,
            Consumer<String> onHandlerClose, Relay relay) {
        Buffer replay = Replay.of(route, login, reader, new Replay.Player(
                addresses.client(), addresses.gamma(), connection.playerName(), connection.playerUuid()));
        PacketSink sink = new PacketSink() {
            @Override
            public void toClient(Buffer bytes) {
                relay.toClient(bytes);
            }

            @Override
            public void toBackend(Buffer bytes) {
                relay.toBackend(bytes);
            }

            @Override
            public void close(String reason) {
                onHandlerClose.accept(reason);
                relay.close();
            }
        };
        if (!handlers.isEmpty() || route.inspect()) {
            return new Plan(replay, new PacketPipeline(connection, handlers, sink, services.unfinishedFrames()));
        }
        if (connection.protocolVersion() > PacketTable.newest()) {
            return new Plan(replay, null); // ids unknown: do not even watch
        }
        // Raw relay, but the login is watched, so the session knows whether the backend turned on encryption.
        return new Plan(replay, PacketPipeline.loginWatcher(connection, sink, services.unfinishedFrames()));
    }
}
