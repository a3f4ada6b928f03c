package dev.gamma.cluster;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Which node runs a route's action right now, fleet-wide. One node is in charge of each route, but while the nodes
 * learn of a member joining or leaving, two of them can both think they are; the one that claims the route first
 * acts, the other does not. A claim lasts for the time given or until it is released; its holder may claim again.
 */
public interface ActionClaims {

    /**
     * What a node got when it asked: the claim, or a refusal; {@code remover} takes this very claim out of the fleet's
     * claims.
     */
    record Claim(boolean granted, Supplier<Future<Void>> remover) {
        /** Another node holds the key. */
        public static final Claim REFUSED = new Claim(false, Future::succeededFuture);
        /** Granted where nobody else could hold it (a standalone node), or where nobody could be asked. */
        public static final Claim UNCONTESTED = new Claim(true, Future::succeededFuture);

        /** Gives this very claim up, if it is still in force: never a later claim of this node, nor another's. */
        public Future<Void> release() {
            return remover.get();
        }
    }

    /**
     * Granted when nobody held {@code key}, this node did, the claim ran out, or it was not a genuine claim; then this
     * node holds it for {@code hold} from now. Completes on the caller's context.
     */
    Future<Claim> claim(String key, Duration hold);

    /** A standalone node's: nobody else can act, so every claim is granted. */
    static ActionClaims alone() {
        return (key, hold) -> Future.succeededFuture(Claim.UNCONTESTED);
    }
}
