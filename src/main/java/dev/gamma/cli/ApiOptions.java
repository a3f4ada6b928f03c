package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --api} and {@code --token}, shared by every command that talks to a running node. */
final class ApiOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:GAMMA_API:-" + AdminApi.DEFAULT_URL + "}",
            description = "A node's admin API (env GAMMA_API; default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:GAMMA_TOKEN:-}",
            description = "The node's admin.token (env GAMMA_TOKEN).")
    String token;

    /** A client for {@code --api}; a URL that is not http(s)://host[:port] is bad usage. */
    AdminApi client() {
        String text = api == null ? AdminApi.DEFAULT_URL : api.strip();
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL");
            }
            return new AdminApi(uri, token);
        } catch (URISyntaxException e) {
            throw new ParameterException(mixee.commandLine(),
                    "--api " + text + " is not an admin URL: try --api http://127.0.0.1:8080");
        }
    }
}
