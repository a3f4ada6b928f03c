package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.route.RouteJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The file's host rules ({@link HostSyntax}) and the shared table's ({@link RouteJson}) are written twice. Every host
 * the file accepts must be one the cluster's codec reads back, or a node's file route would be refused by the others.
 */
class HostRulesAgreementTest {

    @Property(tries = 3_000)
    void everyRouteHostTheFileAcceptsIsReadBackFromTheSharedTable(@ForAll("hostTexts") String text) {
        Optional<String> host = fileAccepts(HostSyntax::routeHost, text);
        Statistics.collect(host.isPresent() ? "accepted" : "refused");
        Statistics.coverage(check -> check.check("accepted").percentage(p -> p > 15));
        host.ifPresent(h -> assertThat(RouteJson.decode(route(h)).hosts()).containsExactly(h));
    }

    @Property(tries = 3_000)
    void everyRewriteHostTheFileAcceptsIsReadBackFromTheSharedTable(@ForAll("hostTexts") String text) {
        fileAccepts(HostSyntax::hostname, text).ifPresent(rewrite -> assertThat(
                RouteJson.decode(route("play.example.com").put("rewrite-host", rewrite)).rewriteHost())
                .isEqualTo(rewrite));
    }

    /** What the file's {@code rule} makes of {@code text}; empty when it refuses (the codec may be laxer). */
    private static Optional<String> fileAccepts(UnaryOperator<String> rule, String text) {
        try {
            return Optional.of(rule.apply(text));
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }

    private static JsonObject route(String host) {
        return new JsonObject().put("host", new JsonArray().add(host))
                .put("backends", new JsonArray().add("127.0.0.1:25565"));
    }

    /** Mostly hostnames near the rules' edges (63-character labels, 253 characters, wildcards, a trailing dot). */
    @Provide
    Arbitrary<String> hostTexts() {
        Arbitrary<Character> edge = Arbitraries.chars().with("az09_".toCharArray());
        Arbitrary<String> valid = Combinators.combine(edge,
                Arbitraries.strings().withChars("abz09_-").ofMaxLength(6).injectDuplicates(0.1), edge)
                .as((first, middle, last) -> first + middle + last);
        Arbitrary<String> label = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.oneOf(valid, edge.map(String::valueOf))),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("ab9_-").ofMinLength(60).ofMaxLength(64)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("abc-_.").ofMinLength(1).ofMaxLength(4)));
        Arbitrary<String> longLabel = Combinators.combine(edge,
                Arbitraries.strings().withChars("ab9_-").ofMinLength(55).ofMaxLength(62), edge)
                .as((first, middle, last) -> first + middle + last);
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(6).map(labels -> String.join(".", labels));
        Arbitrary<String> longName = longLabel.list().ofMinSize(3).ofMaxSize(4).map(labels -> String.join(".", labels));
        Arbitrary<String> prefix = Arbitraries.of("", "", "*.", "*");
        Arbitrary<String> suffix = Arbitraries.of("", "", ".", "..");
        Arbitrary<String> composed = Combinators.combine(prefix, Arbitraries.oneOf(name, longName), suffix)
                .as((p, n, s) -> p + n + s);
        return Arbitraries.oneOf(composed, composed.map(String::toUpperCase), Arbitraries.of("*", "*.", ".", ""),
                Arbitraries.strings().ofMaxLength(20));
    }
}
