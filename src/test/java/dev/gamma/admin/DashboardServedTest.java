package dev.gamma.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /} serves the dashboard's static files without a token; the API behind it still needs one. */
class DashboardServedTest {
    @TempDir
    Path dataDir;

    @Test
    void pageAndItsFilesAreServedWithoutTheTokenUnderAStrictPolicy() throws Exception {
        try (AdminFixture admin = new AdminFixture(dataDir, "s3cret")) {
            admin.token = null;
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(admin.request("/").GET().build(), HttpResponse.BodyHandlers.ofString());
            var script = admin.get("/dashboard/dashboard.js");
            var style = admin.get("/dashboard/dashboard.css");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("<title>Gamma dashboard</title>", "/dashboard/dashboard.js",
                    "/dashboard/dashboard.css");
            assertThat(page.headers().firstValue("content-security-policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "script-src 'self'"));
            assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.contentType()).contains("javascript");
            assertThat(script.body()).contains("Authorization", "sessionStorage").doesNotContain("innerHTML");
            assertThat(style.status()).isEqualTo(200);
            assertThat(style.contentType()).startsWith("text/css");
            assertThat(admin.get("/api/players").status()).isEqualTo(401);
        }
    }

    @Test
    void unknownFilesAndTraversalAnswerTheJson404() throws Exception {
        try (AdminFixture admin = new AdminFixture(dataDir, "")) {
            for (String path : new String[] {"/dashboard/nope.js", "/dashboard/../logback.xml",
                    "/dashboard/%2e%2e/logback.xml", "/index.html"}) {
                var reply = admin.rawGet(path);
                assertThat(reply.status()).as(path).isEqualTo(404);
                assertThat(reply.contentType()).as(path).startsWith("application/json");
            }
        }
    }
}
