package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Groups hold exactly their members through growth, shrinking and the copies a shrunk group is made anew by. */
class PlayerGroupsTest {

    /** A run of changes that fills a group past a few hundred and empties it again, in waves. */
    @Property(tries = 200)
    void aGroupHoldsExactlyItsMembersThroughGrowthAndShrinking(@ForAll("waves") List<Integer> waves) {
        PlayerGroups groups = new PlayerGroups();
        Map<String, PlayerEntry> model = new HashMap<>();
        int next = 0;
        for (int wave : waves) {
            if (wave > 0) {
                for (int i = 0; i < wave; i++, next++) {
                    PlayerEntry entry = entry("p-" + next);
                    groups.add("lobby", entry);
                    model.put(entry.id(), entry);
                }
            } else {
                List<String> leaving = model.keySet().stream().limit(-wave).toList();
                for (String id : leaving) {
                    groups.remove("lobby", id);
                    model.remove(id);
                }
            }
            assertThat(groups.size("lobby")).isEqualTo(model.size());
            assertThat(groups.members("lobby")).containsExactlyInAnyOrderElementsOf(model.values());
        }
    }

    @Example
    void aRouteThatHeldFiftyThousandAndKeepsFiveListsTheFive() {
        PlayerGroups groups = new PlayerGroups();
        for (int i = 0; i < 50_000; i++) {
            groups.add("lobby", entry("p-" + i));
        }
        for (int i = 5; i < 50_000; i++) {
            groups.remove("lobby", "p-" + i);
        }
        assertThat(groups.members("lobby")).extracting(PlayerEntry::id)
                .containsExactlyInAnyOrder("p-0", "p-1", "p-2", "p-3", "p-4");
        groups.remove("lobby", "p-9"); // not a member: nothing changes
        assertThat(groups.size("lobby")).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            groups.remove("lobby", "p-" + i);
        }
        assertThat(groups.members("lobby")).isEmpty();
        assertThat(groups.size("lobby")).isZero();
    }

    @Provide
    Arbitrary<List<Integer>> waves() {
        return Arbitraries.integers().between(-400, 400).list().ofMaxSize(12);
    }

    private static PlayerEntry entry(String id) {
        return new PlayerEntry(id, "Steve", "", "node-1", "lobby", "10.0.0.1:25565", "203.0.113.9:50000", 767, false,
                0, 0, 0);
    }
}
