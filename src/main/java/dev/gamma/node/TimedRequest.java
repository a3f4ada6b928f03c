package dev.gamma.node;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One HTTP request that must be answered, and its answer read, within its time. Past it the request is reset, so its
 * pooled connection is closed rather than kept by a server that answers a byte now and then (under every idle
 * timeout); a request still waiting for a pooled connection then is never sent.
 */
final class TimedRequest {
    private TimedRequest() {}

    static <T> Future<T> send(HttpClient client, RequestOptions options,
            Function<HttpClientRequest, Future<HttpClientResponse>> send, Function<HttpClientResponse, Future<T>> read,
            long millis) {
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicBoolean over = new AtomicBoolean();
        return client.request(options)
                .compose(request -> {
                    if (over.get()) {
                        request.reset();
                        return Future.failedFuture("its time ran out while it waited for a connection");
                    }
                    sent.set(request);
                    return send.apply(request);
                })
                .compose(read)
                .timeout(millis, TimeUnit.MILLISECONDS)
                .onFailure(failure -> {
                    over.set(true);
                    HttpClientRequest request = sent.get();
                    if (request != null) {
                        request.reset();
                    }
                });
    }
}
