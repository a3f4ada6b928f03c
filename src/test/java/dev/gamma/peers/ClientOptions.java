package dev.gamma.peers;

import java.util.ArrayList;
import java.util.List;

/**
 * Options for {@code client.js}.
 *
 * @param host where the TCP connection goes (an IP: a name on port 25565 would trigger an SRV lookup)
 * @param port the TCP port
 * @param fakeHost the Handshake address (what Gamma routes on; may carry {@code \0FML\0} and the like),
 *     {@code null} to send {@code host}
 * @param version the client version, always pinned (e.g. {@code 1.20.4})
 * @param username the player name (at most 16 characters for real servers)
 * @param chat a chat line to send once in play, or {@code null}
 * @param uuid the UUID Login Start carries (1.19.1+), or {@code null} for the offline one derived from the name
 * @param localAddress the connection's source address (any 127.x.y.z on loopback), or {@code null} for the default
 */
public record ClientOptions(String host, int port, String fakeHost, String version, String username, String chat,
    String uuid, String localAddress) {

  public ClientOptions {
    if (version == null || version.isEmpty()) throw new IllegalArgumentException("pin the client version");
  }

  /** A client of {@code version} connecting to 127.0.0.1:{@code port}, named Tester, no chat. */
  public static ClientOptions of(int port, String version) {
    return new ClientOptions("127.0.0.1", port, null, version, "Tester", null, null, null);
  }

  public ClientOptions withHost(String host) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  public ClientOptions withPort(int port) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  public ClientOptions withFakeHost(String fakeHost) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  public ClientOptions withVersion(String version) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  public ClientOptions withUsername(String username) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  public ClientOptions withChat(String chat) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  public ClientOptions withUuid(String uuid) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  public ClientOptions withLocalAddress(String localAddress) {
    return new ClientOptions(host, port, fakeHost, version, username, chat, uuid, localAddress);
  }

  List<String> toArgs() {
    List<String> args = new ArrayList<>(List.of(
        "--host", host,
        "--port", Integer.toString(port),
        "--version", version,
        "--username-json", JsonArgs.string(username)));
    if (fakeHost != null) {
      args.add("--fake-host-json");
      args.add(JsonArgs.string(fakeHost));
    }
    if (chat != null) {
      args.add("--chat-json");
      args.add(JsonArgs.string(chat));
    }
    if (uuid != null) {
      args.add("--uuid");
      args.add(uuid);
    }
    if (localAddress != null) {
      args.add("--local-address");
      args.add(localAddress);
    }
    return args;
  }
}
