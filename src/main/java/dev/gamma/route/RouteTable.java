package dev.gamma.route;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of every route, answering "which route serves this hostname": the exact name first,
 * then the most specific wildcard ({@code *.a.example.com} before {@code *.example.com}), then the default
 * route ({@code *}).
 */
public final class RouteTable {
    public static final String DEFAULT_HOST = "*";
    private static final String WILDCARD_PREFIX = "*.";

    private final Map<String, Route> exact = new HashMap<>();
    private final Map<String, Route> wildcardsBySuffix = new HashMap<>();
    /** The lengths of the wildcard suffixes, so a lookup cuts (and allocates) only suffixes that could match. */
    private final BitSet wildcardSuffixLengths = new BitSet();
    private final Route fallbackRoute;

    private RouteTable(Map<String, Route> byHost) {
        Route defaultRoute = null;
        for (Map.Entry<String, Route> entry : byHost.entrySet()) {
            String host = entry.getKey();
            Route route = entry.getValue();
            if (host.equals(DEFAULT_HOST)) {
                defaultRoute = route;
            } else if (host.startsWith(WILDCARD_PREFIX)) {
                wildcardsBySuffix.put(host.substring(1), route);
                wildcardSuffixLengths.set(host.length() - 1);
            } else {
                exact.put(host, route);
            }
        }
        this.fallbackRoute = defaultRoute;
    }

    /**
     * Each route under every one of its hosts; a name or wildcard listed by two routes goes to the first, the
     * default route to the last.
     */
    public static RouteTable of(List<Route> routes) {
        Map<String, Route> byHost = new LinkedHashMap<>();
        for (Route route : routes) {
            for (String host : route.hosts()) {
                if (host.equals(DEFAULT_HOST)) {
                    byHost.put(host, route);
                } else {
                    byHost.putIfAbsent(host, route);
                }
            }
        }
        return new RouteTable(byHost);
    }

    /**
     * Each route under its key only, as the cluster table holds them: one entry per host, whatever other hosts the
     * route lists (an API route may have taken one of them). The routes are used as they are, not copied.
     */
    public static RouteTable byHost(Map<String, Route> byHost) {
        return new RouteTable(byHost);
    }

    public static RouteTable empty() {
        return new RouteTable(Map.of());
    }

    /** Looks up an already normalized hostname (see {@link Hostnames#normalize}). */
    public Optional<Route> lookup(String host) {
        Route route = exact.get(host);
        if (route != null) {
            return Optional.of(route);
        }
        // Walk up the labels so the longest (most specific) wildcard suffix wins.
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
            if (wildcardSuffixLengths.get(host.length() - dot)) {
                route = wildcardsBySuffix.get(host.substring(dot));
                if (route != null) {
                    return Optional.of(route);
                }
            }
        }
        return Optional.ofNullable(fallbackRoute);
    }
}
