package dev.gamma.pipeline;

import java.util.UUID;

/** Who is on the connection a pipeline serves; the player fields are null when Login Start was unreadable. */
public record ConnectionInfo(int protocolVersion, String playerName, UUID playerUuid, String clientAddress, String route) {}
