package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Allocation;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A registry's counts and samples by route and lookups by name agree with its entries after any run of changes. */
class PlayerIndexTest {
    private static final List<String> NAMES = List.of("Steve", "steve", "STEVE", "Alex", "alex", "Notch");
    private static final List<String> ROUTES = List.of("lobby", "survival", "creative");
    private static final List<String> NODES = List.of("node-1", "node-2");

    /** One change: put (id, name, route, node), remove (id) or remove a node's entries. */
    record Change(int kind, int id, String name, String route, String node) {}

    @Property(tries = 300)
    void countsAndNamesMatchTheEntries(@ForAll("changes") List<Change> changes) {
        LocalPlayerRegistry registry = new LocalPlayerRegistry();
        for (Change change : changes) {
            switch (change.kind()) {
                case 0, 1, 2 -> registry.put(new PlayerEntry("p-" + change.id(), change.name(), "", change.node(),
                        change.route(), "10.0.0.1:25565", "203.0.113.9:50000", 767, false, 0, 0, 0));
                case 3 -> registry.remove("p-" + change.id());
                default -> registry.removeNode(change.node());
            }
            List<PlayerEntry> entries = registry.snapshot();
            for (String route : ROUTES) {
                assertThat(registry.onRoute(route)).as("players on " + route)
                        .isEqualTo((int) entries.stream().filter(e -> e.route().equals(route)).count());
            }
            for (String route : ROUTES) {
                List<PlayerEntry> sample = registry.sampleOnRoute(route, 3);
                assertThat(sample).as("a sample of " + route).hasSize(Math.min(3, registry.onRoute(route)))
                        .allMatch(e -> e.route().equals(route) && entries.contains(e));
            }
            for (String name : NAMES) {
                assertThat(registry.named(name)).as("players called " + name)
                        .containsExactlyInAnyOrderElementsOf(
                                entries.stream().filter(e -> e.name().equalsIgnoreCase(name)).toList());
            }
        }
    }

    /** Least-connections adds other nodes' players per backend to its own counts: never this node's entries. */
    @Property(tries = 300)
    void backendCountsLeaveThisNodesEntriesOut(@ForAll("changes") List<Change> changes) {
        PlayerIndex index = new PlayerIndex("node-1");
        java.util.Map<String, PlayerEntry> entries = new java.util.HashMap<>();
        for (Change change : changes) {
            String id = "p-" + change.id();
            PlayerEntry after = change.kind() > 2 ? null : new PlayerEntry(id, change.name(), "", change.node(),
                    change.route(), "10.0.0." + change.route().length() + ":25565", "", 767, false, 0, 0, 0);
            PlayerEntry before = after == null ? entries.remove(id) : entries.put(id, after);
            index.changed(before, after);
            for (String backend : List.of("10.0.0.5:25565", "10.0.0.8:25565", "10.0.0.9:25565")) {
                assertThat(index.elsewhereOnBackend(backend)).as("other nodes' players on " + backend)
                        .isEqualTo((int) entries.values().stream()
                                .filter(e -> e.backend().equals(backend) && !e.node().equals("node-1")).count());
            }
        }
    }

    /** A standalone node's registry lists only its own players: none of them is anyone else's on a backend. */
    @Property(tries = 100)
    void aStandaloneIndexCountsNoPlayerElsewhere(@ForAll("changes") List<Change> changes) {
        PlayerIndex index = new PlayerIndex(null);
        java.util.Map<String, PlayerEntry> entries = new java.util.HashMap<>();
        for (Change change : changes) {
            String id = "p-" + change.id();
            PlayerEntry after = change.kind() > 2 ? null : new PlayerEntry(id, change.name(), "", change.node(),
                    change.route(), "10.0.0.5:25565", "", 767, false, 0, 0, 0);
            index.changed(after == null ? entries.remove(id) : entries.put(id, after), after);
            assertThat(index.elsewhereOnBackend("10.0.0.5:25565")).isZero();
        }
    }

    /**
     * {@code duplicate-login: allow} lets any number of players share a name, and another node's mirror lists
     * whatever it is sent: with 20,000 players called Steve, the next thousand logins and logouts of a Steve
     * allocate what a thousand logins would with no Steve online, where copying the name's group on each change
     * would take some 2 GB.
     */
    @Example
    void aNameSharedByThousandsCostsAChangeNoMore() {
        LocalPlayerRegistry registry = new LocalPlayerRegistry();
        for (int i = 0; i < 20_000; i++) {
            registry.put(steve("p-" + i));
        }
        List<PlayerEntry> more = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            more.add(steve("q-" + i));
        }
        Allocation.atMost(2_000_000, "a thousand Steves logging in and out among 20,000", () -> {
            more.forEach(registry::put);
            more.forEach(entry -> registry.remove(entry.id()));
        });
        assertThat(registry.named("STEVE")).hasSize(20_000);
        assertThat(registry.onRoute("lobby")).isEqualTo(20_000);
    }

    private static PlayerEntry steve(String id) {
        return new PlayerEntry(id, "Steve", "", "node-1", "lobby", "10.0.0.1:25565", "203.0.113.9:50000", 767, false,
                0, 0, 0);
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<Change> change = Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 7),
                Arbitraries.of(NAMES),
                Arbitraries.of(ROUTES),
                Arbitraries.of(NODES)).as(Change::new);
        return change.list().ofMaxSize(40);
    }
}
