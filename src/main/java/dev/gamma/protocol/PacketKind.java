package dev.gamma.protocol;

import static dev.gamma.protocol.PacketDirection.CLIENTBOUND;
import static dev.gamma.protocol.PacketDirection.SERVERBOUND;
import static dev.gamma.protocol.PacketState.CONFIGURATION;
import static dev.gamma.protocol.PacketState.LOGIN;
import static dev.gamma.protocol.PacketState.PLAY;

import java.util.Locale;

/** The packets Gamma itself must recognise or write; their ids per version are in {@link PacketTable}. */
public enum PacketKind {
    LOGIN_DISCONNECT(LOGIN, CLIENTBOUND),
    ENCRYPTION_REQUEST(LOGIN, CLIENTBOUND),
    LOGIN_SUCCESS(LOGIN, CLIENTBOUND),
    SET_COMPRESSION(LOGIN, CLIENTBOUND),
    LOGIN_PLUGIN_REQUEST(LOGIN, CLIENTBOUND),
    COOKIE_REQUEST(LOGIN, CLIENTBOUND),
    LOGIN_START(LOGIN, SERVERBOUND),
    ENCRYPTION_RESPONSE(LOGIN, SERVERBOUND),
    LOGIN_PLUGIN_RESPONSE(LOGIN, SERVERBOUND),
    LOGIN_ACKNOWLEDGED(LOGIN, SERVERBOUND),
    CONFIGURATION_DISCONNECT(CONFIGURATION, CLIENTBOUND),
    FINISH_CONFIGURATION(CONFIGURATION, CLIENTBOUND),
    ACKNOWLEDGE_FINISH_CONFIGURATION(CONFIGURATION, SERVERBOUND),
    PLAY_DISCONNECT(PLAY, CLIENTBOUND),
    START_CONFIGURATION(PLAY, CLIENTBOUND),
    ACKNOWLEDGE_CONFIGURATION(PLAY, SERVERBOUND),
    SYSTEM_CHAT(PLAY, CLIENTBOUND),
    /** The clientbound chat packet before 1.19. */
    LEGACY_CHAT(PLAY, CLIENTBOUND),
    PLAYER_CHAT(PLAY, CLIENTBOUND),
    /** What a player types: {@code chat} before 1.19, {@code chat_message} from 1.19. */
    CHAT(PLAY, SERVERBOUND),
    CHAT_COMMAND(PLAY, SERVERBOUND);

    private final PacketState state;
    private final PacketDirection direction;
    private final String wireName;

    PacketKind(PacketState state, PacketDirection direction) {
        this.state = state;
        this.direction = direction;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public PacketState state() {
        return state;
    }

    public PacketDirection direction() {
        return direction;
    }

    /** A stable lower_snake name for logs and metrics, e.g. {@code system_chat}. */
    public String wireName() {
        return wireName;
    }
}
