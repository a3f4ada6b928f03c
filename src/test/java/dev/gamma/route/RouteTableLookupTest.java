package dev.gamma.route;

import static dev.gamma.route.Routes.backend;
import static dev.gamma.route.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Lookup against the rule written out the slow way, over random tables and hosts drawn from few labels. */
class RouteTableLookupTest {
    private static final List<String> LABELS = List.of("a", "eu", "play", "example", "com", "x1");

    @Property
    void lookupAgreesWithExactThenLongestWildcardThenDefault(@ForAll("hostLists") List<String> hosts,
            @ForAll("hosts") String host) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            routes.add(route("r" + i, List.of(hosts.get(i)), Strategy.FIRST, backend(i + 1)));
        }
        assertThat(RouteTable.of(routes).lookup(host).map(Route::name)).isEqualTo(expected(routes, host));
    }

    private static Optional<String> expected(List<Route> routes, String host) {
        Optional<String> exact = firstClaiming(routes, host);
        if (exact.isPresent()) {
            return exact;
        }
        for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
            Optional<String> wildcard = firstClaiming(routes, "*" + host.substring(dot));
            if (wildcard.isPresent()) {
                return wildcard;
            }
        }
        Optional<String> fallback = Optional.empty();
        for (Route route : routes) {
            if (route.hosts().contains(RouteTable.DEFAULT_HOST)) {
                fallback = Optional.of(route.name()); // the last default route wins
            }
        }
        return fallback;
    }

    private static Optional<String> firstClaiming(List<Route> routes, String host) {
        return routes.stream().filter(r -> r.hosts().contains(host)).map(Route::name).findFirst();
    }

    @Provide
    Arbitrary<List<String>> hostLists() {
        Arbitrary<String> routeHost = Arbitraries.oneOf(hosts(), hosts().map(h -> "*." + h),
                Arbitraries.just(RouteTable.DEFAULT_HOST));
        return routeHost.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.of(LABELS).list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
    }
}
