package dev.gamma.peers;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Minecraft peers for tests: node-minecraft-protocol scripts in {@code src/test/node}. Every test
 * that uses them calls {@link #assumeAvailable()} first, so machines without Node skip instead of fail.
 */
public final class Peers {

  /** A generous default for awaiting peer events on a loaded CI machine. */
  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** The newest version nmp 1.68.0 / minecraft-data 3.117.0 support (protocol 775). */
  public static final String NEWEST_VERSION = "26.1";

  private static final String SKIP_MESSAGE = "needs node and `npm ci` in src/test/node";
  private static volatile Boolean available;

  private Peers() {
  }

  /** {@code src/test/node} under the working directory (the project root when Maven runs tests). */
  public static Path nodeDirectory() {
    return Path.of(System.getProperty("user.dir")).resolve("src/test/node").toAbsolutePath();
  }

  /** Skips the calling test (or class, from {@code @BeforeAll}) when node or the npm packages are missing. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(available(), SKIP_MESSAGE);
  }

  /** Whether node is on the PATH and {@code npm ci} has been run in {@link #nodeDirectory()}. */
  public static boolean available() {
    Boolean result = available;
    if (result == null) {
      result = nodeOnPath() && Files.isDirectory(nodeDirectory().resolve("node_modules/minecraft-protocol"));
      available = result;
    }
    return result;
  }

  /** Starts a backend and waits until it listens. */
  public static BackendPeer backend(BackendOptions options) {
    return new BackendPeer(options, TIMEOUT);
  }

  /** Starts a client; it connects at once (await its {@code login} event). */
  public static ClientPeer client(ClientOptions options) {
    return new ClientPeer(options);
  }

  /**
   * A modern status ping to {@code host:port} whose Handshake carries {@code fakeHost}.
   *
   * @return the parsed status response (version, players, description, ...)
   * @throws AssertionError with the peer's error when the ping fails
   */
  public static JsonObject ping(String host, int port, String fakeHost, String version) {
    return ping(host, port, fakeHost, version, null);
  }

  /** {@link #ping(String, int, String, String)} from {@code localAddress} (any 127.x.y.z on loopback). */
  public static JsonObject ping(String host, int port, String fakeHost, String version, String localAddress) {
    List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(port)));
    if (localAddress != null) {
      args.addAll(List.of("--local-address", localAddress));
    }
    if (fakeHost != null) {
      args.addAll(List.of("--fake-host-json", JsonArgs.string(fakeHost)));
    }
    if (version != null) {
      args.addAll(List.of("--version", version));
    }
    try (NodePeer peer = NodePeer.start("ping:" + fakeHost, "ping.js", args)) {
      JsonObject line = peer.await(e -> "status".equals(e.getString("event")) || "error".equals(e.getString("event")),
          "status or error event", TIMEOUT);
      if ("error".equals(line.getString("event"))) {
        throw new AssertionError("ping " + host + ":" + port + " (" + fakeHost + ") failed: " + line.getString("message")
            + "\nrecent stderr: " + peer.recentStderr());
      }
      return line.getJsonObject("response");
    }
  }

  private static boolean nodeOnPath() {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) return true;
    }
    return false;
  }
}
