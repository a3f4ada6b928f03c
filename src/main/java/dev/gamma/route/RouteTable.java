package dev.gamma.route;

import java.util.BitSet;
import java.util.HashMap;
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

    private final List<Route> routes;
    private final Map<String, Route> exact = new HashMap<>();
    private final Map<String, Route> wildcardsBySuffix = new HashMap<>();
    /** The lengths of the wildcard suffixes, so a lookup cuts (and allocates) only suffixes that could match. */
    private final BitSet wildcardSuffixLengths = new BitSet();
    private final Route fallbackRoute;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Route defaultRoute = null;
        for (Route route : routes) {
            for (String host : route.hosts()) {
                if (host.equals(DEFAULT_HOST)) {
                    defaultRoute = route;
                } else if (host.startsWith(WILDCARD_PREFIX)) {
                    wildcardsBySuffix.putIfAbsent(host.substring(1), route);
                    wildcardSuffixLengths.set(host.length() - 1);
                } else {
                    exact.putIfAbsent(host, route);
                }
            }
        }
        this.fallbackRoute = defaultRoute;
    }

    public static RouteTable of(List<Route> routes) {
        return new RouteTable(routes);
    }

    public static RouteTable empty() {
        return new RouteTable(List.of());
    }

    public List<Route> routes() {
        return routes;
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
