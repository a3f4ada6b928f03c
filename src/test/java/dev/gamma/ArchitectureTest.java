package dev.gamma;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.gamma", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule protocolUsesNoNetworkFramework = noClasses()
            .that().resideInAPackage("dev.gamma.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
            .because("the wire format is pure and fuzzed without an event loop");

    @ArchTest
    static final ArchRule protocolUsesNoOtherGammaPackage = noClasses()
            .that().resideInAPackage("dev.gamma.protocol..")
            .should().dependOnClassesThat(
                    resideInAPackage("dev.gamma..").and(not(resideInAPackage("dev.gamma.protocol.."))))
            .because("every other package builds on protocol, never the other way round");

    @ArchTest
    static final ArchRule protocolUsesOnlyTheJdk = classes()
            .that().resideInAPackage("dev.gamma.protocol..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "dev.gamma.protocol.."))
            .because("DESIGN.md: protocol may use the JDK only");

    @ArchTest
    static final ArchRule routeBuildsOnProtocolOnly = noClasses()
            .that().resideInAPackage("dev.gamma.route..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.gamma.relay..", "dev.gamma.config..", "dev.gamma.cluster..", "dev.gamma.admin..",
                    "dev.gamma.cli..", "dev.gamma.tui..", "dev.gamma.pipeline..")
            .because("DESIGN.md: route may use protocol only");

    @ArchTest
    static final ArchRule relayDoesNotReachUpwards = noClasses()
            .that().resideInAPackage("dev.gamma.relay..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.gamma.config..", "dev.gamma.cluster..", "dev.gamma.admin..", "dev.gamma.cli..", "dev.gamma.tui..")
            .because("DESIGN.md: relay may use protocol, route and pipeline");

    @ArchTest
    static final ArchRule configStandsAlone = noClasses()
            .that().resideInAPackage("dev.gamma.config..")
            .should().dependOnClassesThat(
                    resideInAPackage("dev.gamma..").and(not(resideInAPackage("dev.gamma.config.."))))
            .because("DESIGN.md: config depends on no other Gamma package");

    @ArchTest
    static final ArchRule clusterDoesNotReachTheEdges = noClasses()
            .that().resideInAPackage("dev.gamma.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.gamma.relay..", "dev.gamma.pipeline..", "dev.gamma.admin..", "dev.gamma.cli..", "dev.gamma.tui..")
            .because("DESIGN.md: cluster may use route and config");

    @ArchTest
    static final ArchRule vertxInternalsOnlyThroughTheAdapter = noClasses()
            .that().resideOutsideOfPackage("dev.gamma.vertx..")
            .should().dependOnClassesThat().resideInAPackage("io.vertx.core.internal..")
            .because("DESIGN.md: uses of io.vertx.core.internal live behind one small adapter (VertxInternals)");

    @ArchTest
    static final ArchRule theAdapterUsesNoGammaPackage = noClasses()
            .that().resideInAPackage("dev.gamma.vertx..")
            .should().dependOnClassesThat(
                    resideInAPackage("dev.gamma..").and(not(resideInAPackage("dev.gamma.vertx.."))))
            .because("relay and pipeline both use it, so it may use neither");

    @ArchTest
    static final ArchRule adminTalksToTheClusterNotTheRelay = noClasses()
            .that().resideInAPackage("dev.gamma.admin..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.gamma.relay..", "dev.gamma.pipeline..", "dev.gamma.cli..", "dev.gamma.tui..")
            .because("the admin API answers from the cluster's shared data, never from one node's sessions");
}
