package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NodeDirectoryTest {
    private static final List<NodeInfo> NODES = IntStream.range(0, 4)
            .mapToObj(i -> new NodeInfo("node-" + i, "127.0.0.1:" + (25565 + i), "127.0.0.1:8080", i)).toList();

    private static NodeDirectory seenFrom(String self, List<NodeInfo> nodes) {
        return new NodeDirectory() {
            @Override
            public String selfId() {
                return self;
            }

            @Override
            public List<NodeInfo> nodes() {
                return nodes;
            }
        };
    }

    @Test
    void everyKeyRanksEachNodeInADifferentPlaceWithTheOwnerFirst() {
        for (int k = 0; k < 200; k++) {
            String key = "key-" + k;
            String owner = seenFrom("node-0", NODES).ownerOf(key);
            List<Integer> ranks = NODES.stream().map(n -> seenFrom(n.id(), NODES).rankOf(key)).toList();
            assertThat(ranks).as(key).containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(seenFrom(owner, NODES).rankOf(key)).isZero();
        }
    }

    @Test
    void whenTheOwnerLeavesTheNodeSecondInLineOwnsTheKey() {
        for (int k = 0; k < 200; k++) {
            String key = "key-" + k;
            String owner = seenFrom("node-0", NODES).ownerOf(key);
            String second = NODES.stream().map(NodeInfo::id).filter(id -> seenFrom(id, NODES).rankOf(key) == 1)
                    .collect(Collectors.joining());
            List<NodeInfo> without = NODES.stream().filter(n -> !n.id().equals(owner)).toList();
            assertThat(seenFrom(second, without).ownerOf(key)).as(key).isEqualTo(second);
        }
    }
}
