package dev.gamma.cluster;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The route table of a standalone node: file routes plus API routes, the latter persisted under data-dir.
 * Every change happens on the caller's event loop and is published as a fresh immutable map.
 */
final class LocalRouteStore implements RouteStore {
    private final RoutePersistence persistence;
    private final List<Consumer<Map<String, SharedRoute>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, RoutePersistence.Entry> tombstones = new HashMap<>();
    private volatile Map<String, SharedRoute> table = Map.of();

    LocalRouteStore(RoutePersistence persistence) {
        this.persistence = persistence;
    }

    @Override
    public Future<Void> start(List<SharedRoute> fileRoutes) {
        return persistence.load().map(saved -> {
            Map<String, SharedRoute> next = new HashMap<>();
            for (RoutePersistence.Entry entry : saved) {
                if (entry.deleted()) {
                    tombstones.put(entry.host(), entry);
                } else {
                    next.put(entry.host(), new SharedRoute(entry.host(), entry.route(), SharedRoute.Source.API,
                            entry.updatedAt()));
                }
            }
            fileRoutes.forEach(route -> next.putIfAbsent(route.host(), route));
            publish(next);
            return null;
        });
    }

    @Override
    public Future<Void> replaceFileRoutes(List<SharedRoute> fileRoutes) {
        Map<String, SharedRoute> next = new HashMap<>();
        table.values().stream().filter(r -> r.source() == SharedRoute.Source.API).forEach(r -> next.put(r.host(), r));
        fileRoutes.forEach(route -> next.putIfAbsent(route.host(), route));
        publish(next);
        return Future.succeededFuture();
    }

    @Override
    public Map<String, SharedRoute> snapshot() {
        return table;
    }

    @Override
    public Future<Void> put(SharedRoute route) {
        Map<String, SharedRoute> next = new HashMap<>(table);
        next.put(route.host(), route);
        tombstones.remove(route.host());
        publish(next);
        return save();
    }

    @Override
    public Future<Boolean> remove(String host) {
        if (!table.containsKey(host)) {
            return Future.succeededFuture(false);
        }
        Map<String, SharedRoute> next = new HashMap<>(table);
        SharedRoute removed = next.remove(host);
        if (removed.source() == SharedRoute.Source.API) {
            tombstones.put(host, new RoutePersistence.Entry(host, null, System.currentTimeMillis()));
        }
        publish(next);
        return save().map(true);
    }

    @Override
    public void onChange(Consumer<Map<String, SharedRoute>> listener) {
        listeners.add(listener);
    }

    private void publish(Map<String, SharedRoute> next) {
        table = Map.copyOf(next);
        listeners.forEach(listener -> listener.accept(table));
    }

    private Future<Void> save() {
        List<RoutePersistence.Entry> entries = new ArrayList<>(tombstones.values());
        table.values().stream().filter(r -> r.source() == SharedRoute.Source.API)
                .forEach(r -> entries.add(new RoutePersistence.Entry(r.host(), r.route(), r.updatedAt())));
        return persistence.save(entries);
    }
}
