package dev.gamma.relay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every session of this node, from accept to end, by session id: the one place kick, broadcast, metrics and
 * shutdown find them. Whether a session is a player is read from its snapshot, so any thread may ask.
 */
public final class LocalSessions implements LocalPlayers {
    private final Map<String, ClientSession> byId = new ConcurrentHashMap<>();

    void add(ClientSession session) {
        byId.put(session.id(), session);
    }

    void remove(ClientSession session) {
        byId.remove(session.id(), session);
    }

    @Override
    public List<PlayerSession> all() {
        return byId.values().stream().filter(s -> s.snapshot().relaying()).map(PlayerSession.class::cast).toList();
    }

    @Override
    public Optional<PlayerSession> byId(String sessionId) {
        return Optional.<PlayerSession>ofNullable(byId.get(sessionId)).filter(s -> s.snapshot().relaying());
    }

    /** Sessions from accept to end, players or not. */
    int size() {
        return byId.size();
    }

    Collection<ClientSession> sessions() {
        return byId.values();
    }
}
