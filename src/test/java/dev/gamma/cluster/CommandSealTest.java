package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gamma.config.ClusterSecrets;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CommandSealTest {
    private static final String KICK = "gamma.kick.node-2";
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final ClusterRejections rejections = new ClusterRejections();
    private final CommandSeal sender = seal("node-1", SealerTest.A);
    private final CommandSeal receiver = seal("node-2", SealerTest.A);
    private final JsonObject kick = new JsonObject().put("ids", List.of("node-2-7")).put("reason", "bye");

    private CommandSeal seal(String node, String... secrets) {
        return new CommandSeal(new Keyring(new ClusterSecrets(List.of(secrets)), "gamma"), node, clock::get,
                rejections);
    }

    @Test
    void aGenuineCommandIsCarriedOutOnce() throws Exception {
        JsonObject envelope = sender.wrap(KICK, kick);
        assertThat(receiver.unwrap(KICK, envelope.copy())).isEqualTo(kick);
        assertThatThrownBy(() -> receiver.unwrap(KICK, envelope.copy()))
                .isInstanceOf(CommandSeal.Rejected.class).hasMessageContaining("replay");
        assertThat(rejections.count(ClusterRejections.Kind.COMMAND)).isEqualTo(1);
    }

    @Test
    void aCommandWithoutTheSecretOrAlteredOrSentElsewhereIsRefused() {
        JsonObject plain = new JsonObject().put("ids", List.of("node-2-7")).put("reason", "forged");
        assertThatThrownBy(() -> receiver.unwrap(KICK, plain)).isInstanceOf(CommandSeal.Rejected.class);
        JsonObject stranger = seal("rogue", SealerTest.B).wrap(KICK, kick);
        assertThatThrownBy(() -> receiver.unwrap(KICK, stranger))
                .isInstanceOf(CommandSeal.Rejected.class).hasMessageContaining("secret this node does not have");
        JsonObject altered = sender.wrap(KICK, kick).put("body", kick.copy().put("ids", List.of("node-2-8")).encode());
        assertThatThrownBy(() -> receiver.unwrap(KICK, altered))
                .isInstanceOf(CommandSeal.Rejected.class).hasMessageContaining("MAC is wrong");
        JsonObject elsewhere = sender.wrap("gamma.kick.node-3", kick);
        assertThatThrownBy(() -> receiver.unwrap(KICK, elsewhere)).isInstanceOf(CommandSeal.Rejected.class);
        JsonObject otherSender = sender.wrap(KICK, kick).put("from", "node-3");
        assertThatThrownBy(() -> receiver.unwrap(KICK, otherSender)).isInstanceOf(CommandSeal.Rejected.class);
        assertThatThrownBy(() -> receiver.unwrap(KICK, "a string")).isInstanceOf(CommandSeal.Rejected.class);
        JsonObject wrongTypes = sender.wrap(KICK, kick).put("at", "yesterday");
        assertThatThrownBy(() -> receiver.unwrap(KICK, wrongTypes)).isInstanceOf(CommandSeal.Rejected.class);
        assertThat(rejections.count(ClusterRejections.Kind.COMMAND)).isEqualTo(7);
    }

    @Test
    void aCommandFromOutsideTheWindowIsRefused() throws Exception {
        JsonObject old = sender.wrap(KICK, kick);
        clock.addAndGet(CommandSeal.WINDOW_MILLIS + 1);
        assertThatThrownBy(() -> receiver.unwrap(KICK, old))
                .isInstanceOf(CommandSeal.Rejected.class).hasMessageContaining("ms from this node's clock");
        JsonObject fresh = sender.wrap(KICK, kick);
        clock.addAndGet(-CommandSeal.WINDOW_MILLIS);
        assertThat(receiver.unwrap(KICK, fresh)).isEqualTo(kick);
    }

    @Test
    void aReplyOpensOnlyForItsRequest() throws Exception {
        JsonObject request = sender.wrap(KICK, kick);
        JsonObject other = sender.wrap(KICK, kick);
        JsonObject reply = receiver.wrapReply(request, new JsonObject().put("kicked", 1));
        assertThat(sender.unwrapReply(request, reply)).isEqualTo(new JsonObject().put("kicked", 1));
        assertThatThrownBy(() -> sender.unwrapReply(other, reply)).isInstanceOf(CommandSeal.Rejected.class);
        JsonObject forged = seal("rogue", SealerTest.B).wrapReply(request, new JsonObject().put("kicked", 9));
        assertThatThrownBy(() -> sender.unwrapReply(request, forged)).isInstanceOf(CommandSeal.Rejected.class);
        assertThat(rejections.count(ClusterRejections.Kind.REPLY)).isEqualTo(2);
    }

    @Test
    void aFailureOpensOnlyForItsRequestAndItsCode() throws Exception {
        JsonObject request = sender.wrap(KICK, kick);
        String refusal = receiver.wrapFailure(request, 409, "the deadline has passed").encode();
        assertThat(sender.unwrapFailure(request, 409, refusal)).isEqualTo("the deadline has passed");
        assertThatThrownBy(() -> sender.unwrapFailure(request, 500, refusal))
                .isInstanceOf(CommandSeal.Rejected.class).hasMessageContaining("MAC is wrong");
        assertThatThrownBy(() -> sender.unwrapFailure(sender.wrap(KICK, kick), 409, refusal))
                .isInstanceOf(CommandSeal.Rejected.class);
        String forged = seal("rogue", SealerTest.B).wrapFailure(request, 409, "forged").encode();
        assertThatThrownBy(() -> sender.unwrapFailure(request, 409, forged)).isInstanceOf(CommandSeal.Rejected.class);
        assertThatThrownBy(() -> sender.unwrapFailure(request, 409, "the deadline has passed"))
                .isInstanceOf(CommandSeal.Rejected.class).hasMessageContaining("not a Gamma command envelope");
        assertThatThrownBy(() -> sender.unwrapFailure(request, 409, null)).isInstanceOf(CommandSeal.Rejected.class);
        assertThat(rejections.count(ClusterRejections.Kind.REPLY)).isEqualTo(5);
    }

    @Test
    void duringARotationCommandsFromEitherSecretAreAccepted() throws Exception {
        CommandSeal rotating = seal("node-2", SealerTest.B, SealerTest.A);
        assertThat(rotating.unwrap(KICK, sender.wrap(KICK, kick))).isEqualTo(kick);
        assertThat(rotating.unwrap(KICK, seal("node-3", SealerTest.B).wrap(KICK, kick))).isEqualTo(kick);
    }
}
