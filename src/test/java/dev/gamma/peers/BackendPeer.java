package dev.gamma.peers;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** A running {@code server.js}: a real nmp backend that echoes chat. Create with {@link Peers#backend}. */
public final class BackendPeer extends NodePeer {

  private final BackendOptions options;
  private final int port;

  BackendPeer(BackendOptions options, Duration startTimeout) {
    super("backend:" + options.name(), "server.js", options.toArgs());
    this.options = options;
    try {
      port = await("listening", startTimeout).getInteger("port");
    } catch (RuntimeException | AssertionError e) {
      close();
      throw e;
    }
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  public BackendOptions options() {
    return options;
  }

  /** The next login event of {@code username}. */
  public JsonObject awaitLogin(String username, Duration timeout) {
    return await(e -> "login".equals(e.getString("event")) && username.equals(e.getString("username")),
        "login event of " + username, timeout);
  }

  /** The next chat event of {@code username}. */
  public JsonObject awaitChat(String username, Duration timeout) {
    return await(e -> "chat".equals(e.getString("event")) && username.equals(e.getString("username")),
        "chat event of " + username, timeout);
  }

  /** Sends {@code text} to the player as a system message. */
  public void say(String username, String text) {
    send(new JsonObject().put("cmd", "say").put("username", username).put("text", text));
  }

  /** Disconnects the player with {@code reason}. */
  public void kick(String username, String reason) {
    send(new JsonObject().put("cmd", "kick").put("username", username).put("reason", reason));
  }
}
