package dev.gamma.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes the API routes and deletions a node knows to its data-dir after each change, one write at a time: a
 * change during a write leads to one more write of the latest state, and an unchanged state is not written.
 * Used from one Vert.x context only.
 */
final class RouteSaver {
    private final RoutePersistence persistence;
    private final Supplier<List<RoutePersistence.Entry>> state;
    private List<RoutePersistence.Entry> written;
    private Future<Void> running;
    private boolean dirty;

    RouteSaver(RoutePersistence persistence, Supplier<List<RoutePersistence.Entry>> state) {
        this.persistence = persistence;
        this.state = state;
    }

    /** What was saved before; remembered, so that saving the same again writes nothing. */
    Future<List<RoutePersistence.Entry>> load() {
        return persistence.load().onSuccess(saved -> written = List.copyOf(saved));
    }

    /** Answers once the state as of this call is on disk (or failed to get there, which is logged). */
    Future<Void> save() {
        if (running != null) {
            dirty = true;
            return running;
        }
        Promise<Void> done = Promise.promise();
        running = done.future();
        write(done);
        return done.future();
    }

    private void write(Promise<Void> done) {
        dirty = false;
        List<RoutePersistence.Entry> entries = state.get();
        Future<Void> write = entries.equals(written) ? Future.succeededFuture()
                : persistence.save(entries).onSuccess(v -> written = entries);
        write.onComplete(result -> {
            if (dirty) {
                write(done);
            } else {
                running = null;
                done.complete();
            }
        });
    }
}
