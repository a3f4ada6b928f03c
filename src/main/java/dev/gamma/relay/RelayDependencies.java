package dev.gamma.relay;

import dev.gamma.pipeline.UnfinishedFrames;
import dev.gamma.route.BackendBalancer;
import dev.gamma.route.RouteTable;
import dev.gamma.route.StatusCache;
import dev.gamma.route.StatusRewriter;
import java.util.function.Supplier;

/**
 * What a {@link ProxyServer} and every one of its sessions need from the node; the suppliers return the latest
 * reloaded snapshot.
 *
 * @param statusRewriter puts each route's status.players choices into its server-list answers
 * @param sessions where the listener registers its sessions, which the node also kicks and broadcasts through
 * @param wake     holds logins for routes whose server is asleep while it wakes
 * @param unfinishedFrames what the node's clients' unfinished frames hold together, and the most they may
 */
public record RelayDependencies(
        Supplier<RouteTable> routes,
        Supplier<ProxySettings> settings,
        StatusCache statusCache,
        StatusRewriter statusRewriter,
        BackendBalancer balancer,
        RateLimiter rateLimiter,
        HandlerSource handlers,
        LoginPolicy loginPolicy,
        AntiBot antiBot,
        SessionEvents events,
        RelayMetrics metrics,
        LocalSessions sessions,
        String nodeId,
        WakeGate wake,
        UnfinishedFrames unfinishedFrames) {

    /** Without routes that wake, and with the limit of unfinished frames the settings name. */
    public RelayDependencies(Supplier<RouteTable> routes, Supplier<ProxySettings> settings, StatusCache statusCache,
            StatusRewriter statusRewriter, BackendBalancer balancer, RateLimiter rateLimiter, HandlerSource handlers,
            LoginPolicy loginPolicy, AntiBot antiBot, SessionEvents events, RelayMetrics metrics,
            LocalSessions sessions, String nodeId) {
        this(routes, settings, statusCache, statusRewriter, balancer, rateLimiter, handlers, loginPolicy, antiBot,
                events, metrics, sessions, nodeId, WakeGate.NONE,
                new UnfinishedFrames(() -> settings.get().maxUnfinishedFrameBytes()));
    }
}
