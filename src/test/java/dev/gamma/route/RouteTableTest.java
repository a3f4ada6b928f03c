package dev.gamma.route;

import static dev.gamma.route.Routes.backend;
import static dev.gamma.route.Routes.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
    private final RouteTable table = RouteTable.of(List.of(
            route("play.example.com", backend(1)),
            route("*.example.com", backend(2)),
            route("*.eu.example.com", backend(3)),
            route("multi", List.of("a.test", "b.test"), Strategy.FIRST, backend(4)),
            route("*", backend(5))));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "play.example.com, play.example.com",
        "lobby.example.com, *.example.com",
        "deep.lobby.example.com, *.example.com",
        "lobby.eu.example.com, *.eu.example.com",
        "x.y.eu.example.com, *.eu.example.com",
        "eu.example.com, *.example.com",
        "example.com, *",
        "a.test, multi",
        "b.test, multi",
        "other.org, *",
        "'', *",
    })
    void lookupPrefersExactThenMostSpecificWildcardThenDefault(String host, String expectedRoute) {
        assertThat(table.lookup(host)).map(Route::name).contains(expectedRoute);
    }

    @Test
    void lookupWithoutDefaultRouteFindsNothingForUnknownHost() {
        RouteTable withoutDefault = RouteTable.of(List.of(route("play.example.com", backend(1))));
        assertThat(withoutDefault.lookup("other.example.com")).isEmpty();
        assertThat(withoutDefault.lookup("play.example.com")).isPresent();
    }

    @Test
    void firstRouteWinsWhenTwoClaimTheSameHost() {
        RouteTable duplicated = RouteTable.of(List.of(route("x.test", backend(1)),
                route("second", List.of("x.test"), Strategy.FIRST, backend(2))));
        assertThat(duplicated.lookup("x.test")).map(Route::name).contains("x.test");
    }

    @Test
    void emptyTableRoutesNothing() {
        assertThat(RouteTable.empty().lookup("play.example.com")).isEmpty();
    }
}
