package dev.gamma.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command run on this machine to its end, bounded in time, its output (stdout and stderr) kept. */
record HostCommand(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    record Result(String command, int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        /** This result when the command succeeded; an AssertionError with its output otherwise. */
        Result orFail() {
            if (!ok()) {
                throw new AssertionError(command + " exited with " + exit + ":\n" + output);
            }
            return this;
        }
    }

    HostCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    static HostCommand of(Duration timeout, String... command) {
        return new HostCommand(List.of(command), Path.of(""), Map.of(), timeout);
    }

    /** {@code line} run by bash, as a user would type it. */
    static HostCommand bash(Duration timeout, String line) {
        return new HostCommand(List.of("bash", "-c", line), Path.of(""), Map.of(), timeout);
    }

    HostCommand in(Path directory, Map<String, String> environment) {
        return new HostCommand(command, directory, environment, timeout);
    }

    /**
     * Runs the command; after {@link #timeout()} it and its children are killed and the run fails with the output
     * so far. A command that cannot start answers exit code 127, as a shell would.
     */
    Result run() {
        String shown = String.join(" ", command);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(shown, 127, e.getMessage());
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError(shown + " still running after " + timeout + ", killed:\n"
                        + output.getNow("(no output)"));
            }
            return new Result(shown, process.exitValue(), output.get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + shown, e);
        } catch (Exception e) {
            throw new AssertionError(shown + ": its output could not be read", e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
