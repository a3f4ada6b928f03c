package dev.gamma.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Orders a route's backends for one connection attempt: the chosen backend first, the others after it as
 * failover candidates. Keeps this node's per-backend connection counts (connecting or relaying) that
 * least-connections adds to the other nodes' players; the counts outlive route table reloads because they are keyed
 * by backend, not by route object. For a route with health checks, a backend the fleet holds down is left out,
 * unless every backend is down: then all are tried in order, as a route without checks would.
 */
public final class BackendBalancer {
    /** What the rest of the fleet knows of backends; read on the connection path, so answered from local copies. */
    public interface Fleet {
        /** Players that other nodes relay to {@code backend} (this node's own are not counted). */
        int playersElsewhere(Backend backend);

        boolean down(Backend backend);

        /** A login of {@code route} could not connect to {@code backend}. */
        void connectFailed(Route route, Backend backend);

        /** A login of {@code route} connected to {@code backend}. */
        void connectSucceeded(Route route, Backend backend);

        Fleet NONE = new Fleet() {
            @Override
            public int playersElsewhere(Backend backend) {
                return 0;
            }

            @Override
            public boolean down(Backend backend) {
                return false;
            }

            @Override
            public void connectFailed(Route route, Backend backend) {}

            @Override
            public void connectSucceeded(Route route, Backend backend) {}
        };
    }

    private final Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();
    private final Map<Backend, AtomicInteger> active = new ConcurrentHashMap<>();
    private final IntUnaryOperator random;
    private final Fleet fleet;

    /** @param random returns a value in [0, bound) */
    public BackendBalancer(IntUnaryOperator random) {
        this(random, Fleet.NONE);
    }

    public BackendBalancer(IntUnaryOperator random, Fleet fleet) {
        this.random = random;
        this.fleet = fleet;
    }

    public List<Backend> order(Route route) {
        List<Backend> backends = route.backends();
        if (backends.size() == 1) {
            return backends;
        }
        List<Backend> ordered = switch (route.strategy()) {
            case FIRST -> backends;
            case ROUND_ROBIN -> rotate(backends, nextTurn(route));
            case RANDOM -> rotate(backends, random.applyAsInt(backends.size()));
            case LEAST_CONNECTIONS -> byConnections(backends);
        };
        return route.health() == null ? ordered : withoutDown(ordered);
    }

    /** A connection to {@code backend} is being made (counted until {@link #disconnected} or a failure). */
    public void connected(Backend backend) {
        active.computeIfAbsent(backend, b -> new AtomicInteger()).incrementAndGet();
    }

    public void disconnected(Backend backend) {
        AtomicInteger count = active.get(backend);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    /** The connection {@link #connected} announced failed: no longer counted, and the fleet hears of it. */
    public void connectFailed(Route route, Backend backend) {
        disconnected(backend);
        fleet.connectFailed(route, backend);
    }

    public void connectSucceeded(Route route, Backend backend) {
        fleet.connectSucceeded(route, backend);
    }

    public int activeConnections(Backend backend) {
        AtomicInteger count = active.get(backend);
        return count == null ? 0 : count.get();
    }

    /** This node's connections and the players other nodes relay to {@code backend}. */
    public int load(Backend backend) {
        return activeConnections(backend) + fleet.playersElsewhere(backend);
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

    /** Each count read once, as other threads change them meanwhile; the sort is stable: ties keep config order. */
    private List<Backend> byConnections(List<Backend> backends) {
        Map<Backend, Integer> loads = new HashMap<>();
        for (Backend backend : backends) {
            loads.put(backend, load(backend));
        }
        List<Backend> ordered = new ArrayList<>(backends);
        ordered.sort(Comparator.comparingInt(loads::get));
        return ordered;
    }

    private List<Backend> withoutDown(List<Backend> ordered) {
        List<Backend> up = new ArrayList<>(ordered.size());
        for (Backend backend : ordered) {
            if (!fleet.down(backend)) {
                up.add(backend);
            }
        }
        return up.isEmpty() ? ordered : up;
    }
}
