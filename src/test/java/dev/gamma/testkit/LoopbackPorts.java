package dev.gamma.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Free loopback ports for processes started later, below Linux's ephemeral range (32768 and up): a port found
 * free there cannot be taken in the meantime as the source port of one of the many outgoing connections a load
 * test (or a neighbour's) makes. A port is handed out once per JVM: two found free before either is bound (a node's
 * listener and its admin API) must not be the same one.
 */
public final class LoopbackPorts {
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {}

    /** The first of {@code length} free ports in a row. */
    public static int run(int length) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (IntStream.range(0, length).allMatch(i -> !HANDED_OUT.contains(base + i) && isFree(base + i))
                    && IntStream.range(0, length).allMatch(i -> HANDED_OUT.add(base + i))) {
                return base;
            }
        }
        throw new AssertionError("no " + length + " free ports in a row");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
