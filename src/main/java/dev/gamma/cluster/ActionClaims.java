package dev.gamma.cluster;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Which node runs a route's action right now, fleet-wide. One node is in charge of each route, but while the nodes
 * learn of a member joining or leaving, two of them can both think they are; the one that claims the route first
 * acts, the other does not. A claim lasts for the time given or until it is released; its holder may claim again.
 */
public interface ActionClaims {

    /** What a node got when it asked: the claim, or a refusal. */
    interface Claim {
        boolean granted();

        /** Gives this very claim up, if it is still in force: never a later claim of this node, nor another's. */
        Future<Void> release();
    }

    /** Another node holds the key. */
    Claim REFUSED = new Claim() {
        @Override
        public boolean granted() {
            return false;
        }

        @Override
        public Future<Void> release() {
            return Future.succeededFuture();
        }
    };

    /** Granted where nobody else could hold it (a standalone node), or where nobody could be asked. */
    Claim UNCONTESTED = new Claim() {
        @Override
        public boolean granted() {
            return true;
        }

        @Override
        public Future<Void> release() {
            return Future.succeededFuture();
        }
    };

    /**
     * Granted when nobody held {@code key}, this node did, the claim ran out, or it was not a genuine claim; then this
     * node holds it for {@code hold} from now. Completes on the caller's context.
     */
    Future<Claim> claim(String key, Duration hold);

    /** A standalone node's: nobody else can act, so every claim is granted. */
    static ActionClaims alone() {
        return (key, hold) -> Future.succeededFuture(UNCONTESTED);
    }
}
