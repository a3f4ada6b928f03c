package dev.gamma.node;

import dev.gamma.protocol.Printable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a wake or sleep {@code command}: the argv as configured (no shell), stdin empty, on a worker thread. Its
 * output goes to a temporary file rather than a pipe, so that a server it starts in the background, which inherits
 * the output, cannot hold the action open; the first {@value #MAX_OUTPUT_BYTES} bytes are kept for the log.
 */
final class CommandAction {
    static final int MAX_OUTPUT_BYTES = 2048;

    private CommandAction() {}

    /** Succeeds with the program's output (escaped, one line) when it exits 0 within {@code timeout}. */
    static Future<String> run(Vertx vertx, List<String> argv, Duration timeout) {
        return vertx.executeBlocking(() -> runBlocking(argv, timeout), false);
    }

    static String runBlocking(List<String> argv, Duration timeout) throws IOException, InterruptedException {
        File output = File.createTempFile("gamma-action", ".out");
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("did not exit within " + timeout.toMillis() + " ms; destroyed. Output: "
                        + head(output));
            }
            String text = head(output);
            if (process.exitValue() != 0) {
                throw new IOException("exit code " + process.exitValue() + ". Output: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private static String head(File output) throws IOException {
        try (InputStream in = Files.newInputStream(output.toPath())) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT_BYTES);
            return Printable.escape(new String(bytes, StandardCharsets.UTF_8).strip(), MAX_OUTPUT_BYTES);
        }
    }
}
