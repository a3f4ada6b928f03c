package dev.gamma;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The package rules of the README's architecture table, one rule per package, and no cycles between packages. */
@AnalyzeClasses(packages = "dev.gamma", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Which Gamma packages each may use, besides itself: the arrows point one way, downwards. */
    static final Map<String, List<String>> MAY_USE = Map.ofEntries(
            Map.entry("protocol", List.of()),
            Map.entry("vertx", List.of()),
            Map.entry("route", List.of("protocol")),
            Map.entry("pipeline", List.of("protocol", "vertx")),
            Map.entry("relay", List.of("protocol", "vertx", "route", "pipeline")),
            Map.entry("config", List.of()),
            Map.entry("cluster", List.of("protocol", "route", "config")),
            Map.entry("admin", List.of("protocol", "route", "config", "cluster")),
            Map.entry("client", List.of("protocol")),
            Map.entry("tui", List.of("protocol", "client")),
            Map.entry("node", List.of("protocol", "vertx", "route", "pipeline", "relay", "config", "cluster", "admin")),
            Map.entry("cli", List.of("protocol", "client", "tui", "node")));

    @ArchTest
    static final ArchRule everyClassLivesInAKnownPackage = classes().should().resideInAnyPackage(
            MAY_USE.keySet().stream().map(p -> "dev.gamma." + p + "..").toArray(String[]::new))
            .because("every package has one job, named in the README; the root package holds nothing");

    @ArchTest
    static void everyPackageUsesOnlyThePackagesBelowIt(JavaClasses classes) {
        MAY_USE.forEach((pkg, uses) -> {
            String[] allowed = Stream.concat(Stream.of(pkg), uses.stream())
                    .map(p -> "dev.gamma." + p + "..").toArray(String[]::new);
            classes().that().resideInAPackage("dev.gamma." + pkg + "..")
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.gamma..")
                            .or(resideInAnyPackage(allowed)))
                    .because(pkg + " may use " + (uses.isEmpty() ? "no other Gamma package" : uses))
                    .check(classes);
        });
    }

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.gamma.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule protocolUsesOnlyTheJdk = classes()
            .that().resideInAPackage("dev.gamma.protocol..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "dev.gamma.protocol.."))
            .because("the wire format is pure and fuzzed without an event loop");

    @ArchTest
    static final ArchRule vertxInternalsOnlyThroughTheAdapter = noClasses()
            .that().resideOutsideOfPackage("dev.gamma.vertx..")
            .should().dependOnClassesThat().resideInAPackage("io.vertx.core.internal..")
            .because("uses of io.vertx.core.internal live behind one small adapter, VertxInternals");
}
