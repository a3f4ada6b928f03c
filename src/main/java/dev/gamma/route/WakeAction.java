package dev.gamma.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One thing a node does to wake a route's server or put it to sleep: run a program ({@code command}, its argv as
 * given, no shell), POST to a URL ({@code http}) or start/stop a container through the Docker Engine
 * ({@code docker}). Exactly one of {@code command}, {@code url} and {@code container} is set, the one its kind names.
 */
public record WakeAction(Kind kind, List<String> command, String url, String container) {
    public static final int MAX_ARGS = 64;
    public static final int MAX_ARG_CHARS = 4096;
    public static final int MAX_URL_CHARS = 2048;
    private static final Pattern CONTAINER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    /** The kinds, by their key in the configuration. */
    public enum Kind {
        COMMAND, HTTP, DOCKER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WakeAction {
        command = command == null ? List.of() : List.copyOf(command);
        url = url == null ? "" : url;
        container = container == null ? "" : container;
        boolean hasCommand = !command.isEmpty();
        if ((kind == Kind.COMMAND) != hasCommand || (kind == Kind.HTTP) != !url.isEmpty()
                || (kind == Kind.DOCKER) != !container.isEmpty()) {
            throw new IllegalArgumentException("set exactly one of command, http and docker");
        }
        switch (kind) {
            case COMMAND -> checkCommand(command);
            case HTTP -> checkUrl(url);
            case DOCKER -> checkContainer(container);
        }
    }

    public static WakeAction command(List<String> argv) {
        return new WakeAction(Kind.COMMAND, argv, "", "");
    }

    public static WakeAction http(String url) {
        return new WakeAction(Kind.HTTP, List.of(), url, "");
    }

    public static WakeAction docker(String container) {
        return new WakeAction(Kind.DOCKER, List.of(), "", container);
    }

    /** What the action names, for logs: the program, the URL or the container. */
    public String target() {
        return switch (kind) {
            case COMMAND -> command.get(0);
            case HTTP -> url;
            case DOCKER -> container;
        };
    }

    static void checkCommand(List<String> argv) {
        if (argv.size() > MAX_ARGS) {
            throw new IllegalArgumentException("a command has at most " + MAX_ARGS + " arguments");
        }
        for (String arg : argv) {
            if (arg.length() > MAX_ARG_CHARS || arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument has at most " + MAX_ARG_CHARS
                        + " characters and no NUL");
            }
        }
        if (argv.get(0).isBlank()) {
            throw new IllegalArgumentException("the program name must not be empty");
        }
    }

    /** An absolute http or https URL with a host. */
    public static String checkUrl(String url) {
        String problem = "expected an http:// or https:// URL with a host, of at most " + MAX_URL_CHARS + " characters";
        if (url.length() > MAX_URL_CHARS) {
            throw new IllegalArgumentException(problem);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException(problem);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        return url;
    }

    /** A container name or id as Docker accepts them. */
    public static String checkContainer(String container) {
        if (!CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException("expected a container name or id ([a-zA-Z0-9][a-zA-Z0-9_.-]*, at most"
                    + " 128 characters)");
        }
        return container;
    }
}
