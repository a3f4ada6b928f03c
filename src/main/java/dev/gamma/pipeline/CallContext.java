package dev.gamma.pipeline;

import dev.gamma.protocol.Printable;
import dev.gamma.protocol.InBandPackets;
import dev.gamma.protocol.WireReader;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/** The {@link PacketContext} handlers get; one per connection, pointed at the packet being handled. */
final class CallContext implements PacketContext {
    private final PacketPipeline pipeline;
    private final HandlerChain chain;
    Direction direction = Direction.SERVERBOUND;

    CallContext(PacketPipeline pipeline, HandlerChain chain) {
        this.pipeline = pipeline;
        this.chain = chain;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public ConnectionState state() {
        return pipeline.state();
    }

    @Override
    public int protocolVersion() {
        return pipeline.connection().protocolVersion();
    }

    @Override
    public Optional<String> playerName() {
        return Optional.ofNullable(pipeline.connection().playerName());
    }

    @Override
    public Optional<UUID> playerUuid() {
        return Optional.ofNullable(pipeline.connection().playerUuid());
    }

    @Override
    public String clientAddress() {
        return pipeline.connection().clientAddress();
    }

    @Override
    public String route() {
        return pipeline.connection().route();
    }

    @Override
    public boolean encrypted() {
        return pipeline.encrypted();
    }

    @Override
    public void forward() {
        // the default; nothing to record
    }

    @Override
    public void drop() {
        chain.drop();
    }

    @Override
    public void replace(ByteBuffer payload) {
        chain.replace(payload);
    }

    @Override
    public void inject(Direction towards, int packetId, ByteBuffer payload) {
        chain.inject(towards, packetId, payload);
    }

    @Override
    public boolean tell(String text) {
        if (pipeline.encrypted() || pipeline.state() != ConnectionState.PLAY) {
            return false;
        }
        ByteBuffer body = ByteBuffer.wrap(InBandPackets.systemChat(protocolVersion(), text));
        int id = new WireReader(body).readVarInt();
        chain.inject(Direction.CLIENTBOUND, id, body.slice());
        return true;
    }

    @Override
    public void close(String reason) {
        chain.close(reason);
    }

    String describeConnection() {
        ConnectionInfo info = pipeline.connection();
        return Printable.escape(info.playerName() == null ? "?" : info.playerName(), 64) + "@"
                + Printable.escape(info.clientAddress(), 64) + " (" + Printable.escape(info.route(), 255) + ")";
    }
}
