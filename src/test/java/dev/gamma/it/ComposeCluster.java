package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * docker-compose.cluster.yml of a copy of this checkout, on this machine's Docker engine: run with the Compose
 * command the machine has ({@code docker compose}, else the older {@code docker-compose}), under a project name of
 * its own, with an override file when one is needed (the stand-in backends). Every command is bounded in time.
 */
final class ComposeCluster implements AutoCloseable {
    /** How the documentation writes a compose command for the cluster. */
    static final String DOCUMENTED = "docker compose -f docker-compose.cluster.yml";
    static final String PROJECT = "gamma-e2e";
    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final Duration DOWN = Duration.ofMinutes(3);
    private static final Duration HEALTH_POLL = Duration.ofMillis(500);
    private static final String REQUIRED_VARIABLE = "GAMMA_DOCKER_TESTS";
    private static final String REQUIRED = "required";
    private static final String ENGINE_MISSING = "needs a running Docker engine and Compose (Debian: apt-get install "
            + "docker.io docker-compose debootstrap, then start dockerd; .ci/run does both)";

    private final Path dir;
    /** How this machine runs {@link #DOCUMENTED}: its Compose command, the cluster's file and the overrides. */
    private final List<String> documented;
    /** Files added as a user adds them to a command line (with {@link #with}). */
    private final List<String> added;
    /** The engine's containers before this cluster's first command. */
    private final Set<String> before;

    private ComposeCluster(Path dir, List<String> documented, List<String> added, Set<String> before) {
        this.dir = dir;
        this.documented = List.copyOf(documented);
        this.added = List.copyOf(added);
        this.before = Set.copyOf(before);
    }

    /**
     * The Compose command of this machine; skips the calling test unless a Docker engine answers and Compose is
     * installed, or fails it when {@link #required()}.
     */
    static List<String> assumeEngineAndCompose() {
        expect(HostCommand.of(Duration.ofSeconds(20), "docker", "info").run().ok());
        if (HostCommand.of(QUICK, "docker", "compose", "version").run().ok()) {
            return List.of("docker", "compose");
        }
        expect(HostCommand.of(QUICK, "docker-compose", "version").run().ok());
        return List.of("docker-compose");
    }

    /** Whether the environment says these tests must run ({@code GAMMA_DOCKER_TESTS=required}, as .ci/run sets). */
    static boolean required() {
        return REQUIRED.equals(System.getenv(REQUIRED_VARIABLE));
    }

    private static void expect(boolean available) {
        if (required()) {
            assertThat(available).as(ENGINE_MISSING + "; " + REQUIRED_VARIABLE + "=" + REQUIRED).isTrue();
        }
        Assumptions.assumeTrue(available, ENGINE_MISSING);
    }

    /** The cluster of the checkout copied to {@code dir}, with {@code overrides} (paths relative to it). */
    static ComposeCluster in(Path dir, List<String> composeCommand, List<String> overrides) {
        List<String> command = new ArrayList<>(composeCommand);
        command.addAll(List.of("-f", "docker-compose.cluster.yml"));
        overrides.forEach(file -> command.addAll(List.of("-f", file)));
        return new ComposeCluster(dir, command, List.of(), listed("ps", "-aq", "--no-trunc"));
    }

    /**
     * Copies the files of the checkout at {@code from} that git knows of or would add (tracked, and untracked but
     * not ignored: what a commit of the working tree would hold) to {@code to}.
     */
    static void copyCheckout(Path from, Path to) {
        HostCommand.Result files = HostCommand.of(QUICK, "git", "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").in(from, Map.of()).run().orFail();
        try {
            for (String name : files.output().split("\0")) {
                Path source = from.resolve(name);
                if (name.isEmpty() || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // deleted in the working tree
                }
                Path target = to.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying the checkout to " + to, e);
        }
    }

    /** The same cluster with one more compose file (relative to the copy), as a user adds {@code -f FILE}. */
    ComposeCluster with(String file) {
        List<String> files = new ArrayList<>(added);
        files.addAll(List.of("-f", file));
        return new ComposeCluster(dir, documented, files, before);
    }

    /** A documented command line: {@link #DOCUMENTED} becomes this machine's compose command with the overrides. */
    String asRun(String documentedLine) {
        return documentedLine.replace(DOCUMENTED, String.join(" ", documented));
    }

    /** Runs {@code line} (a command from the documentation) with bash in the copy. */
    HostCommand.Result shell(Duration timeout, String line) {
        return HostCommand.bash(timeout, asRun(line)).in(dir, environment()).run();
    }

    /** {@code compose ARGS}, e.g. {@code compose(timeout, "kill", "gamma-2")}. */
    HostCommand.Result compose(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(documented);
        command.addAll(added);
        command.addAll(Arrays.asList(args));
        return new HostCommand(command, dir, environment(), timeout).run();
    }

    /** The id of {@code service}'s container, if it has one. */
    Optional<String> container(String service) {
        String id = compose(QUICK, "ps", "-q", service).orFail().output().strip();
        return id.isEmpty() ? Optional.empty() : Optional.of(id.lines().reduce((a, b) -> b).orElseThrow());
    }

    /**
     * Waits until every service's container reports "healthy"; fails at once, with its log, when one has stopped
     * or restarted, and after {@code timeout} with every service's state.
     */
    void awaitHealthy(Duration timeout, List<String> services) {
        awaitHealthy(timeout, services, this::container, this::logs);
    }

    /** As {@link #awaitHealthy(Duration, List)} for a container outside the project, by its name. */
    static void awaitHealthy(Duration timeout, String container) {
        awaitHealthy(timeout, List.of(container), Optional::of,
                name -> docker("logs", "--tail", "60", name).output());
    }

    private static void awaitHealthy(Duration timeout, List<String> names, Function<String, Optional<String>> container,
            Function<String, String> logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> states = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            states.clear();
            for (String name : names) {
                String state = container.apply(name).map(id -> docker("inspect", "-f",
                        "{{.State.Status}} {{.RestartCount}} {{if .State.Health}}{{.State.Health.Status}}{{end}}", id)
                        .orFail().output().strip()).orElse("none");
                if (state.startsWith("exited") || state.startsWith("restarting") || state.matches("\\S+ [1-9].*")) {
                    throw new AssertionError(name + " stopped or restarted (" + state + "); its log:\n"
                            + logs.apply(name));
                }
                states.add(name + ": " + state);
            }
            if (states.stream().allMatch(s -> s.endsWith(" healthy"))) {
                return;
            }
            pause(HEALTH_POLL);
        }
        throw new AssertionError("not healthy within " + timeout + ": " + states);
    }

    String logs(String service) {
        return compose(QUICK, "logs", "--no-color", "--tail", "60", service).output();
    }

    /** Memory in use per container of the project, as {@code docker stats} shows it. */
    String memory() {
        List<String> ids = compose(QUICK, "ps", "-q").orFail().output().lines().filter(l -> !l.isBlank()).toList();
        List<String> command = new ArrayList<>(List.of("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}"));
        command.addAll(ids);
        return docker(command.toArray(String[]::new)).output();
    }

    static HostCommand.Result docker(String... args) {
        return new HostCommand(Stream.concat(Stream.of("docker"), Arrays.stream(args)).toList(), Path.of(""),
                Map.of(), QUICK).run();
    }

    /**
     * Removes the project's containers, networks and volumes (those of added files too), and the stopped container
     * a failed image build leaves (outside any compose project, made since this cluster was set up).
     */
    @Override
    public void close() {
        compose(DOWN, "down", "-v", "--remove-orphans");
        String label = "label=com.docker.compose.project=" + PROJECT;
        listed("volume", "ls", "-q", "--filter", label).forEach(volume -> docker("volume", "rm", volume));
        listed("ps", "-aq", "--no-trunc", "--filter", "status=exited", "--filter", "status=created").stream()
                .filter(id -> !before.contains(id))
                .filter(id -> !docker("inspect", "-f", "{{json .Config.Labels}}", id).output()
                        .contains("com.docker.compose.project"))
                .forEach(id -> docker("rm", id));
    }

    /** The ids (or names) a docker listing command prints, one a line. */
    private static Set<String> listed(String... listing) {
        return docker(listing).output().lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toSet());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Map<String, String> environment() {
        return Map.of("COMPOSE_PROJECT_NAME", PROJECT);
    }
}
