package dev.gamma.peers;

import io.vertx.core.json.JsonObject;

/** A running {@code client.js}: a real nmp client in offline mode. Create with {@link Peers#client}. */
public final class ClientPeer extends NodePeer {

  private final ClientOptions options;

  ClientPeer(ClientOptions options) {
    super("client:" + options.username() + "@" + options.version(), "client.js", options.toArgs());
    this.options = options;
  }

  public ClientOptions options() {
    return options;
  }

  /** Sends a chat line (a command if it starts with '/'); only valid once the login event arrived. */
  public void chat(String text) {
    send(new JsonObject().put("cmd", "chat").put("text", text));
  }

  /** Ends the connection cleanly; the peer then prints its end event and exits 0. */
  public void quit() {
    send(new JsonObject().put("cmd", "quit"));
  }
}
