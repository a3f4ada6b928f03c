package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.testkit.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged jar in a child JVM with its open-file limit raised (as {@code LimitNOFILE} or {@code ulimit -n}
 * would for a real node), its output collected, and its resident memory and open descriptors readable.
 */
final class NodeJvm implements AutoCloseable {
    private static final Path JAR = Path.of("target", "gamma.jar");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private NodeJvm(Process process) {
        this.process = process;
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the node is gone
            }
        }, "node-jvm-output");
        copier.setDaemon(true);
        copier.start();
    }

    /** Starts {@code java [jvmOptions] -jar target/gamma.jar run --config FILE} with up to {@code files} open files. */
    static NodeJvm start(Path config, int files, String... jvmOptions) throws IOException {
        assertThat(JAR).as("run after `mvn package`").exists();
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                // the soft limit up to what is asked, or to the hard limit if that is lower; then become java
                "ulimit -n " + files + " 2>/dev/null || ulimit -n \"$(ulimit -Hn)\"; exec \"$@\"", "node",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString(), "run", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GAMMA_"));
        return new NodeJvm(builder.start());
    }

    void awaitReady(Duration timeout) {
        Await.until(timeout, "the node ready; output:\n" + String.join("\n", lines), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited:\n" + String.join("\n", lines));
            }
            return lines.stream().anyMatch(l -> l.contains("Gamma ready"));
        });
    }

    /** The JVM's pid (bash exec'd it, so it kept the pid). */
    long pid() {
        return process.pid();
    }

    /** VmRSS from /proc, in KiB. */
    long residentKiB() {
        return procValue("status", "VmRSS:\\s+(\\d+) kB");
    }

    /** CPU time the node has used, user and system, in milliseconds. */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The heap in use right after a full collection (through jcmd), in KiB. */
    long heapAfterGcKiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
        assertThat(used.find()).as("heap use in jcmd's GC.heap_info").isTrue();
        return Long.parseLong(used.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).as("jcmd " + command).isTrue();
        return output;
    }

    /** The soft open-file limit the node runs with. */
    long openFileLimit() {
        return procValue("limits", "Max open files\\s+(\\d+)");
    }

    long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines() {
        return lines;
    }

    /** SIGTERM, and the exit code. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private long procValue(String file, String regex) {
        try {
            Matcher matcher = Pattern.compile(regex)
                    .matcher(Files.readString(Path.of("/proc", String.valueOf(pid()), file)));
            assertThat(matcher.find()).as("%s in /proc/%d/%s", regex, pid(), file).isTrue();
            return Long.parseLong(matcher.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
