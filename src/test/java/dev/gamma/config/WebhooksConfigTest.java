package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code webhooks}: what a file says, its defaults, and each problem with its file and line. */
class WebhooksConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsEachWebhookWithItsEventsAndSecret() {
        GammaConfig config = Fixture.parse(dir, """
                webhooks:
                  - url: https://hooks.example.com/gamma
                    events: [login, logout]
                    secret: s3cret
                  - url: http://10.0.0.5:8080/all
                """);
        assertThat(config.webhooks()).containsExactly(
                new WebhookConfig("https://hooks.example.com/gamma", List.of("login", "logout"), "s3cret"),
                new WebhookConfig("http://10.0.0.5:8080/all", List.of("login", "logout", "kick"), ""));
        assertThat(config.webhooks().get(0).wants("kick")).isFalse();
        assertThat(config.webhooks().get(0).toString()).doesNotContain("s3cret").doesNotContain("hooks.example");
    }

    @Test
    void noWebhooksByDefault() {
        assertThat(Fixture.parse(dir, "bind: 0.0.0.0:25565\n").webhooks()).isEmpty();
    }

    @Test
    void eachProblemNamesItsLineAndNeverQuotesTheUrl() {
        Path file = dir.resolve("gamma.yaml");
        List<String> problems = Fixture.problems(file, """
                webhooks:
                  - url: ftp://user:pa55word@files.example.com/x
                  - url: http://h.example.com/x
                    events: [login, join]
                  - events: [kick]
                  - url: http://h.example.com/y
                    events: []
                  - url: http://h.example.com/z
                    secet: x
                  - just a string
                """, Map.of());
        assertThat(problems).containsExactly(
                file + ":2: webhooks[0].url: must be an http:// or https:// URL",
                file + ":4: webhooks[1].events[1]: unknown event \"join\" (one of login, logout, kick)",
                file + ":5: webhooks[2].url: is missing: where the events are posted",
                file + ":7: webhooks[3].events: is empty: list at least one of login, logout, kick",
                file + ":9: webhooks[4].secet: unknown key (did you mean secret?)",
                file + ":10: webhooks[5]: expected a webhook (a map with url and events), got a string");
        assertThat(String.join("\n", problems)).doesNotContain("pa55word");
    }

    @Test
    void aFileCannotAskForUnboundedWebhooks() {
        String many = "webhooks:\n" + "  - url: http://h.example.com/x\n".repeat(WebhooksReader.MAX_WEBHOOKS + 1);
        assertThat(Fixture.problems(dir.resolve("gamma.yaml"), many, Map.of()))
                .containsExactly(dir.resolve("gamma.yaml") + ":2: webhooks: at most 16 webhooks, got 17");
    }
}
