package dev.gamma.bench.load;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * The benchmark's load generator and upstream, JDK only. One subcommand per run; each client run prints
 * one JSON line of results (see docs/benchmark.md). Exit codes: 0 done, 1 the measurement failed, 2 bad
 * usage.
 */
public final class LoadTool {
    static final String USAGE = """
            usage: java -jar gamma-bench.jar MODE [--option value]...
              upstream      --port P [--bind 127.0.0.1] [--threads 1] [--frame 32768]
              throughput    --target HOST:PORT --direction up|down [--streams 1] [--frame 32768]
                            [--upstream HOST:PORT (asked for the bytes that arrived, up; default: the target)]
              connrate      --target HOST:PORT [--inflight 32]
              latency       --target HOST:PORT [--size 64] [--count N]
              idle          --target HOST:PORT [--connections 9000] [--hold 60] [--release FILE] [--parallel 4]
              cluster-login --target NODE_A_HOST:PORT --admin NODE_B_URL [--count 20] [--token T] [--nodes N]
              cluster-kick  --target NODE_A_HOST:PORT --admin NODE_B_URL [--count 20] [--token T] [--nodes N]
              report        --results FILE [--machine FILE] [--out FILE.md] [--date YYYY-MM-DD]
            client modes also take: --host bench.test (the Handshake's hostname), --seconds 2, --warmup 1,
              --watch name=pid,... (CPU of other processes), --cores name=cpu,... (how busy those cores were),
              --clk-tck 100, --timeout SECONDS (gives up),
              --label, --name, --round (copied into the result line)
            """;

    private LoadTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            err.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String mode = args[0];
        Thread watchdog = null;
        try {
            Options options = Options.parse(args, 1);
            Json tags = tags(options);
            if (mode.equals("upstream")) {
                upstream(options, out);
                return 0;
            }
            Callable<Json> measurement = measurement(mode, options, out);
            watchdog = watchdog(options.seconds("timeout", 300));
            options.checkAllUsed();
            out.println(measurement.call().append(tags));
            return 0;
        } catch (Options.UsageException e) {
            err.println("gamma-bench " + mode + ": " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("gamma-bench " + mode + ": " + e);
            return 1;
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
    }

    /** What the script adds to every result line: the target, the measurement and the round. */
    private static Json tags(Options options) {
        Json tags = new Json();
        String label = options.string("label", "");
        if (!label.isEmpty()) {
            tags.put("label", label);
        }
        String name = options.string("name", "");
        if (!name.isEmpty()) {
            tags.put("name", name);
        }
        int round = options.integer("round", 0, 0, 1_000_000);
        if (round > 0) {
            tags.put("round", round);
        }
        return tags;
    }

    private static Callable<Json> measurement(String mode, Options options, PrintStream out) {
        if (mode.equals("report")) {
            String outFile = options.string("out", "");
            String machine = options.string("machine", "");
            Path results = Path.of(options.required("results"));
            String date = options.string("date", LocalDate.now().toString());
            return () -> Report.run(results, machine.isEmpty() ? null : Path.of(machine),
                    outFile.isEmpty() ? null : Path.of(outFile), date, out);
        }
        Target target = options.target();
        Window window = Window.from(options, 2);
        CpuWatch cpu = CpuWatch.from(options);
        switch (mode) {
            case "throughput" -> {
                String upstream = options.string("upstream", "");
                var settings = new Throughput.Settings(target,
                        upstream.isEmpty() ? target : new Target(options.address("upstream"), target.host()),
                        options.integer("streams", 1, 1, 10_000),
                        direction(options.required("direction")), window,
                        options.integer("frame", 32 * 1024, 16, Wire.MAX_FRAME));
                return () -> Throughput.run(settings, cpu);
            }
            case "connrate" -> {
                var settings = new ConnRate.Settings(target, options.integer("inflight", 32, 1, 10_000), window);
                return () -> ConnRate.run(settings, cpu);
            }
            case "latency" -> {
                var settings = new PingPong.Settings(target, options.integer("size", 64, 16, 65_536),
                        options.integer("count", Integer.MAX_VALUE, 1, Integer.MAX_VALUE), window);
                return () -> PingPong.run(settings, cpu);
            }
            case "idle" -> {
                String release = options.string("release", "");
                var settings = new IdleHold.Settings(target, options.integer("connections", 9000, 1, 60_000),
                        options.integer("parallel", 4, 1, 256), options.seconds("hold", 60),
                        release.isEmpty() ? null : Path.of(release));
                return () -> IdleHold.run(settings, out);
            }
            case "cluster-login", "cluster-kick" -> {
                var settings = new ClusterTimings.Settings(target, URI.create(options.required("admin")),
                        options.string("token", ""), options.integer("count", 20, 1, 100_000),
                        options.integer("nodes", 1, 1, 64));
                ClusterTimings timings = new ClusterTimings(settings);
                return mode.equals("cluster-login") ? timings::login : timings::kick;
            }
            default -> throw new Options.UsageException("unknown mode " + mode);
        }
    }

    private static void upstream(Options options, PrintStream out) throws Exception {
        InetSocketAddress bind = new InetSocketAddress(options.string("bind", "127.0.0.1"),
                options.integer("port", 25600, 0, 65_535));
        int threads = options.integer("threads", 1, 1, 64);
        int frame = options.integer("frame", 32 * 1024, 16, Wire.MAX_FRAME);
        options.checkAllUsed();
        Upstream upstream = Upstream.start(bind, threads, frame);
        out.println(new Json().put("mode", "upstream").put("event", "ready").put("port", upstream.port()));
        out.flush();
        Thread.currentThread().join();
    }

    private static Throughput.Direction direction(String value) {
        return switch (value) {
            case "up" -> Throughput.Direction.UP;
            case "down" -> Throughput.Direction.DOWN;
            default -> throw new Options.UsageException("--direction takes up or down, not " + value);
        };
    }

    /** A run that hangs (a proxy that stopped answering) ends with exit code 1 instead of never. */
    private static Thread watchdog(long nanos) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(nanos / 1_000_000);
                System.err.println("gamma-bench: gave up after --timeout " + nanos / 1_000_000_000 + " s");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                // the run ended first
            }
        }, "watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
