package dev.gamma.relay;

import dev.gamma.pipeline.ConnectionState;
import dev.gamma.pipeline.PacketPipeline;
import dev.gamma.protocol.LoginDisconnect;
import io.vertx.core.buffer.Buffer;

/**
 * What {@code timeouts.login} looks at: a backend that accepts and then never finishes the login (hung,
 * overloaded, not a Minecraft server) gets its player sent the route's backend-down message.
 */
final class LoginTimeout {
    private LoginTimeout() {}

    /** Without a pipeline (a protocol newer than Gamma knows) any answer from the backend counts. */
    static boolean finished(PacketPipeline pipeline, SessionTraffic traffic) {
        return pipeline == null ? traffic.fromBackend() > 0
                : pipeline.passingThrough() || pipeline.state() != ConnectionState.LOGIN;
    }

    /**
     * The backend answered the login and the client went on: Login Success (acknowledged from 1.20.2), or an
     * Encryption Request the client answered. A watcher that stopped reading a stream it could not follow is no
     * answer, and neither is a backend's reply to a protocol Gamma does not know (a Disconnect, most likely).
     */
    static boolean answered(PacketPipeline pipeline) {
        return pipeline != null && (pipeline.encrypted() || pipeline.state() != ConnectionState.LOGIN);
    }

    /** Tells the player why, in the stream's own framing where it can, and ends the session. */
    static void disconnect(Relay relay, PacketPipeline pipeline, SessionTraffic traffic, String message) {
        if (pipeline != null) {
            pipeline.kick(message);
        } else if (traffic.fromBackend() == 0) {
            relay.toClient(Buffer.buffer(LoginDisconnect.frame(message)));
        }
        relay.close();
    }
}
