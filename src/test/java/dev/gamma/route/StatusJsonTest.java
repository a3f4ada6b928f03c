package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.LegacyStatus;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
    @Test
    void toLegacyTakesTheFieldsOldClientsShow() {
        String json = "{\"version\":{\"name\":\"Paper 1.21.4\",\"protocol\":769},\"players\":{\"max\":100,"
                + "\"online\":2},\"description\":{\"text\":\"A \",\"extra\":[{\"text\":\"server\"}]}}";
        assertThat(StatusJson.toLegacy(json)).isEqualTo(new LegacyStatus(769, "Paper 1.21.4", "A server", 2, 100));
    }

    @Test
    void toLegacyOfADescriptionNestedPastTheChatCapShowsNoMotd() {
        String deep = "[".repeat(100) + "\"deep\"" + "]".repeat(100);
        String json = "{\"players\":{\"max\":20,\"online\":1},\"description\":" + deep + "}";
        assertThat(StatusJson.toLegacy(json)).isEqualTo(new LegacyStatus(127, "", "", 1, 20));
    }

    @Test
    void toLegacyOfNothingReadableIsTheDefaults() {
        LegacyStatus defaults = new LegacyStatus(127, "", "", 0, 0);
        assertThat(StatusJson.toLegacy(null)).isEqualTo(defaults);
        assertThat(StatusJson.toLegacy("not json")).isEqualTo(defaults);
        assertThat(StatusJson.toLegacy("[1,2]")).isEqualTo(defaults);
        assertThat(StatusJson.toLegacy("null")).isEqualTo(defaults);
    }
}
