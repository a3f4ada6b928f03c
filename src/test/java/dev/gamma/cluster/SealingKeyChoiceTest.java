package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.ClusterSecrets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SealingKeyChoiceTest {
    private final Keyring rotating = new Keyring(new ClusterSecrets(List.of(SealerTest.B, SealerTest.A)), "gamma");
    private final Keyring.Key newer = rotating.keys().get(0);
    private final Keyring.Key older = rotating.keys().get(1);

    @Test
    void aNodeAloneSealsWithItsNewestSecret() {
        assertThat(SealingKeyChoice.choose(rotating.keys(), List.of())).isEqualTo(newer);
    }

    @Test
    void whileOneMemberKnowsOnlyTheOldSecretEveryoneSealsWithIt() {
        assertThat(SealingKeyChoice.choose(rotating.keys(),
                List.of(Set.of(newer.id(), older.id()), Set.of(older.id())))).isEqualTo(older);
    }

    @Test
    void onceEveryMemberKnowsTheNewSecretItIsUsed() {
        assertThat(SealingKeyChoice.choose(rotating.keys(),
                List.of(Set.of(newer.id(), older.id()), Set.of(newer.id())))).isEqualTo(newer);
    }

    @Test
    void withNothingInCommonTheNewestIsKept() {
        assertThat(SealingKeyChoice.choose(rotating.keys(), List.of(Set.of(12345)))).isEqualTo(newer);
    }
}
