package dev.gamma.peers;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One Node.js peer script (see {@code src/test/node/README.md}) running as a child process. Its stdout
 * is a stream of JSON events, its stdin takes JSON commands. Events are kept in arrival order; each
 * {@code await} consumes the first matching event not consumed yet, so events of other kinds stay
 * available for later awaits.
 */
public class NodePeer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(NodePeer.class.getName());
  private static final int STDERR_TAIL_LINES = 40;
  private static final int EVENTS_IN_FAILURE = 60;
  private static final Duration QUIT_GRACE = Duration.ofSeconds(3);
  private static final Duration DESTROY_GRACE = Duration.ofSeconds(2);

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final Object lock = new Object();
  private final List<JsonObject> events = new ArrayList<>();
  private final List<Boolean> consumed = new ArrayList<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private boolean stdoutEnded;

  /**
   * Starts {@code node <script> <args...>} in {@link Peers#nodeDirectory()}.
   *
   * @param name a label for messages and logs, e.g. {@code backend:lobby}
   */
  protected NodePeer(String name, String script, List<String> args) {
    this.name = name;
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(args);
    Path dir = Peers.nodeDirectory();
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command + " in " + dir, e);
    }
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    daemon("stdout", process.getInputStream(), this::onStdout, this::onStdoutEnd);
    daemon("stderr", process.getErrorStream(), this::onStderr, () -> { });
  }

  /** Starts any peer script, e.g. {@code NodePeer.start("ping", "ping.js", List.of(...))}. */
  public static NodePeer start(String name, String script, List<String> args) {
    return new NodePeer(name, script, args);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The first not yet consumed event named {@code event}; fails after {@code timeout}. */
  public JsonObject await(String event, Duration timeout) {
    return await(e -> event.equals(e.getString("event")), "event '" + event + "'", timeout);
  }

  /** The first not yet consumed event the predicate accepts; fails after {@code timeout}. */
  public JsonObject await(Predicate<JsonObject> matcher, Duration timeout) {
    return await(matcher, "an event matching the predicate", timeout);
  }

  /**
   * As {@link #await(Predicate, Duration)}, with a description for the failure message. Fails at once
   * when the peer's stdout has ended without a match: no such event can come any more.
   */
  public JsonObject await(Predicate<JsonObject> matcher, String description, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        for (int i = 0; i < events.size(); i++) {
          if (!consumed.get(i) && matcher.test(events.get(i))) {
            consumed.set(i, true);
            return events.get(i).copy();
          }
        }
        long left = deadline - System.nanoTime();
        if (stdoutEnded || left <= 0) {
          String why = stdoutEnded ? "the peer's output ended (" + exitDescription() + ")" : "timed out after " + timeout;
          throw new AssertionError(name + ": no " + description + ", " + why + "\n" + diagnostics());
        }
        try {
          lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(name + ": interrupted while waiting for " + description, e);
        }
      }
    }
  }

  /** Every event received so far, consumed or not, in arrival order (copies). */
  public List<JsonObject> events() {
    synchronized (lock) {
      return events.stream().map(JsonObject::copy).collect(Collectors.toUnmodifiableList());
    }
  }

  /** The last stderr lines (at most 40), for diagnostics. */
  public List<String> recentStderr() {
    synchronized (lock) {
      return List.copyOf(stderrTail);
    }
  }

  /** Writes one command line, e.g. {@code {"cmd":"quit"}}, to the peer's stdin. */
  public void send(JsonObject command) {
    synchronized (stdin) {
      try {
        stdin.write(command.encode());
        stdin.write('\n');
        stdin.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": cannot send " + command.encode() + " (" + exitDescription() + ")", e);
      }
    }
  }

  /** Waits for the process to end and returns its exit code; fails after {@code timeout}. */
  public int waitForExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + ": still running after " + timeout + "\n" + diagnostics());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(name + ": interrupted while waiting for exit", e);
    }
    return process.exitValue();
  }

  /** Sends quit and closes stdin; destroys the process if it lingers, forcibly if it still does. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        send(new JsonObject().put("cmd", "quit"));
      } catch (UncheckedIOException ignored) {
        // the process is on its way out anyway
      }
    }
    synchronized (stdin) {
      try {
        stdin.close();
      } catch (IOException ignored) {
        // a broken pipe means the peer is gone, which is the goal
      }
    }
    try {
      if (!process.waitFor(QUIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "{0} ignored quit; destroying it", name);
        process.destroy();
        if (!process.waitFor(DESTROY_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor(DESTROY_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "NodePeer[" + name + ", pid " + process.pid() + "]";
  }

  /** Recent events and stderr, for failure messages. */
  protected String diagnostics() {
    synchronized (lock) {
      int from = Math.max(0, events.size() - EVENTS_IN_FAILURE);
      StringBuilder out = new StringBuilder("events seen (" + events.size() + "):");
      if (from > 0) out.append("\n  ...");
      for (int i = from; i < events.size(); i++) {
        out.append("\n  ").append(consumed.get(i) ? "(consumed) " : "").append(events.get(i).encode());
      }
      out.append("\nrecent stderr:");
      stderrTail.forEach(line -> out.append("\n  ").append(line));
      return out.toString();
    }
  }

  private String exitDescription() {
    try {
      if (process.waitFor(200, TimeUnit.MILLISECONDS)) return "exit code " + process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "still running";
  }

  private void onStdout(String line) {
    JsonObject event;
    try {
      event = new JsonObject(line);
    } catch (DecodeException | ClassCastException e) {
      onStderr("(stdout, not JSON) " + line);
      return;
    }
    synchronized (lock) {
      events.add(event);
      consumed.add(false);
      lock.notifyAll();
    }
  }

  private void onStdoutEnd() {
    synchronized (lock) {
      stdoutEnded = true;
      lock.notifyAll();
    }
  }

  private void onStderr(String line) {
    LOG.log(System.Logger.Level.DEBUG, "[{0}] {1}", name, line);
    synchronized (lock) {
      if (stderrTail.size() == STDERR_TAIL_LINES) stderrTail.removeFirst();
      stderrTail.addLast(line);
    }
  }

  private void daemon(String stream, InputStream in, Consumer<String> onLine, Runnable onEnd) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          onLine.accept(line);
        }
      } catch (IOException e) {
        onStderr("(" + stream + " read failed: " + e + ")");
      } finally {
        onEnd.run();
      }
    }, "peer-" + name + "-" + stream);
    thread.setDaemon(true);
    thread.start();
  }
}
