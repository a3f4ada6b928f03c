package dev.gamma.cluster;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Which node runs a route's action right now, fleet-wide. One node is in charge of each route, but while the nodes
 * learn of a member joining or leaving, two of them can both think they are; the one that claims the route first
 * acts, the other does not. A claim lasts for the time given or until it is released; its holder may claim again.
 */
public interface ActionClaims {

    /**
     * True when this node holds {@code key} for {@code hold} from now: nobody held it, this node did, the claim ran
     * out, or it was not a genuine claim. Completes on the caller's context.
     */
    Future<Boolean> claim(String key, Duration hold);

    /** Gives up this node's claim on {@code key}, if it still holds it. Never waits. */
    void release(String key);

    /** A standalone node's: nobody else can act, so every claim is granted. */
    static ActionClaims alone() {
        return new ActionClaims() {
            @Override
            public Future<Boolean> claim(String key, Duration hold) {
                return Future.succeededFuture(true);
            }

            @Override
            public void release(String key) {
            }
        };
    }
}
