package dev.gamma.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/** {@code gamma local-cluster N}: N clustered nodes on loopback, to try the cluster without Docker. */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = "Start N clustered nodes on 127.0.0.1 from one config file (Ctrl-C stops them all).")
final class LocalClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "How many nodes (1-32).", defaultValue = "3")
    int nodes;

    @Option(names = {"-c", "--config"}, description = "Configuration file for every node (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:GAMMA_CONFIG:-conf/gamma.yaml}")
    Path config;

    @Option(names = "--dir", description = "Where the nodes keep their data (default: ${DEFAULT-VALUE}).",
            defaultValue = "data/local-cluster")
    Path dir;

    /** Not 25565-25567: the default configuration's backend is 127.0.0.1:25566. */
    @Option(names = "--proxy-port", defaultValue = "25665", description = "First node's player port (default: ${DEFAULT-VALUE}).")
    int proxyPort;

    @Option(names = "--admin-port", defaultValue = "8081", description = "First node's admin port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--cluster-port", defaultValue = "5701", description = "First node's cluster port (default: ${DEFAULT-VALUE}).")
    int clusterPort;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(config)) {
            System.err.println("No configuration file at " + config + ": pass --config FILE.");
            return Main.BAD_USAGE;
        }
        LocalCluster cluster = new LocalCluster(nodes, new LocalCluster.Ports(proxyPort, adminPort, clusterPort), dir);
        List<Process> processes = new ArrayList<>();
        Runnable stopAll = () -> processes.forEach(Process::destroy);
        Signal.handle(new Signal("INT"), s -> stopAll.run());
        Signal.handle(new Signal("TERM"), s -> stopAll.run());
        for (int i = 0; i < nodes; i++) {
            ProcessBuilder builder = new ProcessBuilder(LocalCluster.nodeCommand(config)).redirectErrorStream(true);
            builder.environment().putAll(cluster.environment(i));
            Process process = builder.start();
            processes.add(process);
            prefixOutput(process, "node-" + (i + 1));
            System.out.printf("node-%d: players 127.0.0.1:%d, admin http://127.0.0.1:%d, cluster 127.0.0.1:%d%n",
                    i + 1, cluster.proxyPort(i), cluster.adminPort(i), cluster.clusterPort(i));
        }
        int worst = 0;
        for (Process process : processes) {
            worst = Math.max(worst, process.waitFor() == 0 || process.exitValue() == 143 ? 0 : Main.FAILED);
        }
        return worst;
    }

    private static void prefixOutput(Process process, String name) {
        Thread copier = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[" + name + "] " + line);
                }
            } catch (IOException ended) {
                // the node is gone
            }
        }, name + "-output");
        copier.setDaemon(true);
        copier.start();
    }
}
