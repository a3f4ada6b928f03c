package dev.gamma.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A tmux server of this test alone (its own socket file), one detached session in it, read as a person sees it. */
final class Tmux implements AutoCloseable {
    private final Path socket;
    private final String session = "top";

    Tmux() {
        try {
            socket = Files.createTempDirectory("gamma-tmux").resolve("socket");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tmux"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code script} with sh in a new {@code columns}×{@code rows} session. */
    Tmux start(Path script, int columns, int rows) {
        tmux("new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "sh " + script);
        return this;
    }

    /** Named keys as tmux spells them: Enter, Escape, Up, Down, q. */
    void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    void type(String text) {
        tmux("send-keys", "-t", session, "-l", text);
    }

    String screen() {
        return tmux("capture-pane", "-p", "-t", session);
    }

    /** The title the program in the pane gave its terminal (an OSC 0 or 2 sequence sets it). */
    String paneTitle() {
        return tmux("display-message", "-p", "-t", session, "#{pane_title}").strip();
    }

    @Override
    public void close() {
        tmux("kill-server");
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        } catch (IOException ignored) {
            // a temp file left behind
        }
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("LANG", "C.UTF-8");
            builder.environment().remove("TMUX");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("tmux " + String.join(" ", args) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
