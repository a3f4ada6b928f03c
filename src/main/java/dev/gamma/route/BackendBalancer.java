package dev.gamma.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Orders a route's backends for one connection attempt: the chosen backend first, the others after it as
 * failover candidates. Keeps the per-backend connection counts that least-connections needs; the counts
 * outlive route table reloads because they are keyed by backend, not by route object.
 */
public final class BackendBalancer {
    private final Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();
    private final Map<Backend, AtomicInteger> active = new ConcurrentHashMap<>();
    private final IntUnaryOperator random;

    /** @param random returns a value in [0, bound) */
    public BackendBalancer(IntUnaryOperator random) {
        this.random = random;
    }

    public List<Backend> order(Route route) {
        List<Backend> backends = route.backends();
        if (backends.size() == 1) {
            return backends;
        }
        return switch (route.strategy()) {
            case FIRST -> backends;
            case ROUND_ROBIN -> rotate(backends, nextTurn(route));
            case RANDOM -> rotate(backends, random.applyAsInt(backends.size()));
            case LEAST_CONNECTIONS -> byActiveConnections(backends);
        };
    }

    public void connected(Backend backend) {
        active.computeIfAbsent(backend, b -> new AtomicInteger()).incrementAndGet();
    }

    public void disconnected(Backend backend) {
        AtomicInteger count = active.get(backend);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    public int activeConnections(Backend backend) {
        AtomicInteger count = active.get(backend);
        return count == null ? 0 : count.get();
    }

    private int nextTurn(Route route) {
        int turn = rotation.computeIfAbsent(route.name(), n -> new AtomicInteger()).getAndIncrement();
        return Math.floorMod(turn, route.backends().size());
    }

    private static List<Backend> rotate(List<Backend> backends, int start) {
        List<Backend> ordered = new ArrayList<>(backends.size());
        for (int i = 0; i < backends.size(); i++) {
            ordered.add(backends.get((start + i) % backends.size()));
        }
        return ordered;
    }

    private List<Backend> byActiveConnections(List<Backend> backends) {
        List<Backend> ordered = new ArrayList<>(backends);
        ordered.sort(Comparator.comparingInt(this::activeConnections)); // stable: ties keep config order
        return ordered;
    }
}
