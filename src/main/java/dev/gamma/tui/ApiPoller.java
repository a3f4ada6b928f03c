package dev.gamma.tui;

import dev.gamma.client.AdminApi;
import dev.gamma.client.ApiFailure;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Calls the API off the UI thread: a refresh every second, and kicks when asked. Results come back as
 * changes to the model, which the UI thread applies.
 */
final class ApiPoller implements AutoCloseable {
    private static final long REFRESH_MILLIS = 1000;

    private final AdminApi api;
    private final Consumer<Consumer<TopModel>> post;
    private final LongSupplier nanos;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "gamma-top-api");
        thread.setDaemon(true);
        return thread;
    });

    /** @param post hands a change to the UI thread */
    ApiPoller(AdminApi api, Consumer<Consumer<TopModel>> post, LongSupplier nanos) {
        this.api = api;
        this.post = post;
        this.nanos = nanos;
    }

    void start() {
        executor.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    void kick(TopModel.KickRequest request) {
        executor.execute(() -> {
            try {
                int sessions = request.id().isEmpty() ? api.kick(request.name(), request.reason())
                        : api.kickSession(request.id(), request.reason());
                post.accept(m -> m.status("kicked " + request.name() + " (" + sessions + " session(s))"));
            } catch (RuntimeException failure) {
                post.accept(m -> m.status("could not kick " + request.name() + ": " + message(failure)));
            }
            refresh();
        });
    }

    private void refresh() {
        try {
            Snapshot snapshot = Snapshot.read(api, nanos.getAsLong());
            post.accept(m -> m.update(snapshot));
        } catch (RuntimeException failure) {
            post.accept(m -> m.failed(message(failure)));
        }
    }

    private static String message(RuntimeException failure) {
        return Cells.text(failure instanceof ApiFailure ? failure.getMessage() : String.valueOf(failure));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
