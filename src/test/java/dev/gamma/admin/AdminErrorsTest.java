package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal is JSON {error} with the right status: never HTML, never a stack trace. */
class AdminErrorsTest {
    @TempDir
    Path dataDir;
    AdminFixture admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminFixture(dataDir, "s3cret");
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
    }

    @Test
    void malformedJsonIs400NamingTheProblemAndWhere() throws Exception {
        for (String body : new String[] {"{\"message\": \"hi\"", "{message: hi}", "{\"message\":\"hi\"} x"}) {
            var reply = admin.call("POST", "/api/broadcast", body);

            assertJsonError(reply, 400);
            assertThat(reply.error()).as(body).startsWith("malformed JSON: ").contains("line 1, column ")
                    .doesNotContain("Source").doesNotContain("\n");
        }
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() throws Exception {
        var reply = admin.call("PUT", "/api/routes/play.example.com", "[\"127.0.0.1:25566\"]");

        assertJsonError(reply, 400);
        assertThat(reply.error()).isEqualTo("the body must be a JSON object, got an array");
    }

    @Test
    void aBodyOver64KiBIs413() throws Exception {
        var reply = admin.call("POST", "/api/broadcast", "{\"message\":\"" + "x".repeat(70_000) + "\"}");

        assertJsonError(reply, 413);
        assertThat(reply.error()).contains("64 KiB");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        for (String path : new String[] {"/nothing-here", "/api/nothing", "/api/players/steve/ban"}) {
            var reply = admin.get(path);
            assertJsonError(reply, 404);
            assertThat(reply.error()).as(path).contains(path);
        }
    }

    @Test
    void aWrongMethodIs405() throws Exception {
        assertJsonError(admin.call("DELETE", "/api/players", null), 405);
        assertJsonError(admin.call("GET", "/api/broadcast", null), 405);
        assertJsonError(admin.call("POST", "/api/routes/play.example.com", "{}"), 405);
    }

    @Test
    void anUndecodablePathOrQueryIs400() throws Exception {
        assertJsonError(admin.rawGet("/api/players/%zz"), 400);
        var query = admin.rawGet("/api/players?name=%zz");
        assertJsonError(query, 400);
        assertThat(query.error()).contains("invalid hex byte");
    }

    @Test
    void aRequestTheHttpDecoderRefusesIsAnsweredInJsonToo() throws Exception {
        var reply = admin.rawGet("/api/routes/" + "a".repeat(5_000));

        assertJsonError(reply, 414);
        assertThat(reply.error()).isEqualTo("request line too long (the limit is 4096 bytes)");
    }

    @Test
    void aJsonBodySentAsAFormIsRefusedWith415SayingWhatToSend() throws Exception {
        // what curl -d sends by default, and what a form on any web page can send
        var reply = admin.send(admin.request("/api/broadcast")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}")));

        assertJsonError(reply, 415);
        assertThat(reply.error()).isEqualTo("Content-Type must be application/json (UTF-8), got"
                + " application/x-www-form-urlencoded");
        assertThat(admin.commands.calls).isEmpty();
    }

    private static void assertJsonError(AdminFixture.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().fieldNames()).contains("error");
    }
}
