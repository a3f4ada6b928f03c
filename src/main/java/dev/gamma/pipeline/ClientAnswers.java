package dev.gamma.pipeline;

import static dev.gamma.protocol.PacketKind.ACKNOWLEDGE_CONFIGURATION;
import static dev.gamma.protocol.PacketKind.ACKNOWLEDGE_FINISH_CONFIGURATION;
import static dev.gamma.protocol.PacketKind.ENCRYPTION_REQUEST;
import static dev.gamma.protocol.PacketKind.ENCRYPTION_RESPONSE;
import static dev.gamma.protocol.PacketKind.FINISH_CONFIGURATION;
import static dev.gamma.protocol.PacketKind.LOGIN_ACKNOWLEDGED;
import static dev.gamma.protocol.PacketKind.LOGIN_SUCCESS;
import static dev.gamma.protocol.PacketKind.START_CONFIGURATION;

import dev.gamma.protocol.PacketKind;
import dev.gamma.protocol.PacketTable;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client packets that change a connection's state answer one the backend sent: Encryption Response, Login
 * Acknowledged and the two configuration acknowledgements count only once their question went by. Sent unasked,
 * they are left to the backend to refuse; they must not move the state Gamma follows (a bot would be trusted for a
 * login its backend never answered, a framed session would stop showing its packets to the handlers, or show them
 * under another state).
 */
final class ClientAnswers {
    private static final Map<PacketKind, PacketKind> QUESTIONS = Map.of(
            ENCRYPTION_RESPONSE, ENCRYPTION_REQUEST,
            LOGIN_ACKNOWLEDGED, LOGIN_SUCCESS,
            ACKNOWLEDGE_FINISH_CONFIGURATION, FINISH_CONFIGURATION,
            ACKNOWLEDGE_CONFIGURATION, START_CONFIGURATION);
    private static final Set<PacketKind> ASKING = EnumSet.copyOf(QUESTIONS.values());

    private final Set<PacketKind> asked = EnumSet.noneOf(PacketKind.class);

    /**
     * Handlers wrote {@code injections} after a frame, {@code state} being the state once it was followed, and
     * {@code fromBackend} its kind when it came from the backend and went on. A question among them counts as the
     * backend's, looked up in the state the client reads it in: past a switch the client makes as it reads the frame.
     */
    void injected(PacketTable table, ConnectionState state, PacketKind fromBackend,
            List<HandlerChain.Injection> injections) {
        if (injections.isEmpty()) {
            return; // most frames: nothing to look up
        }
        ConnectionState readIn = fromBackend == null ? state : switch (fromBackend) {
            case LOGIN_SUCCESS -> table.id(LOGIN_ACKNOWLEDGED).isPresent() ? ConnectionState.CONFIGURATION : state;
            case FINISH_CONFIGURATION -> ConnectionState.PLAY;
            case START_CONFIGURATION -> ConnectionState.CONFIGURATION;
            default -> state;
        };
        for (HandlerChain.Injection injection : injections) {
            PacketKind kind = table.kind(readIn.wire(), injection.towards().wire(), injection.id());
            if (ASKING.contains(kind)) {
                asked.add(kind);
            }
        }
    }

    /** Notes {@code kind}, seen going by; false for a client's answer to a question the backend has not asked. */
    boolean counts(PacketKind kind) {
        if (ASKING.contains(kind)) {
            asked.add(kind);
            return true;
        }
        PacketKind question = QUESTIONS.get(kind);
        return question == null || asked.remove(question);
    }
}
