package dev.gamma.relay;

import java.util.List;
import java.util.Optional;

/** This node's players (its relaying sessions), for kick and broadcast; safe to ask from any thread. */
public interface LocalPlayers {

    List<PlayerSession> all();

    /** The player with this session id, if this node relays it. */
    Optional<PlayerSession> byId(String sessionId);
}
