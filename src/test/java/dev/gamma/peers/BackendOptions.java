package dev.gamma.peers;

import java.util.ArrayList;
import java.util.List;

/**
 * Options for {@code server.js}.
 *
 * @param version an nmp version such as {@code 1.20.4}, or {@code null} to accept every version nmp knows
 * @param motd the status description
 * @param name a backend label echoed in the login event (route assertions)
 * @param onlineMode encrypt the login (the session server is stubbed: no internet needed)
 * @param compressionThreshold the Set Compression threshold, -1 for none, {@code null} for nmp's 256
 * @param maxPlayers shown in the status response (Join Game gets at most 255)
 * @param port where it listens on 127.0.0.1, 0 for any free port (a fixed one brings a stopped backend back)
 */
public record BackendOptions(
    String version, String motd, String name, boolean onlineMode, Integer compressionThreshold, int maxPlayers,
    int port) {

  /** Any version, offline mode, nmp's default compression, 20 players. */
  public static BackendOptions defaults() {
    return new BackendOptions(null, "A Gamma test backend", "backend", false, null, 20, 0);
  }

  public BackendOptions withVersion(String version) {
    return new BackendOptions(version, motd, name, onlineMode, compressionThreshold, maxPlayers, port);
  }

  public BackendOptions withAnyVersion() {
    return withVersion(null);
  }

  public BackendOptions withMotd(String motd) {
    return new BackendOptions(version, motd, name, onlineMode, compressionThreshold, maxPlayers, port);
  }

  public BackendOptions withName(String name) {
    return new BackendOptions(version, motd, name, onlineMode, compressionThreshold, maxPlayers, port);
  }

  public BackendOptions withOnlineMode(boolean onlineMode) {
    return new BackendOptions(version, motd, name, onlineMode, compressionThreshold, maxPlayers, port);
  }

  public BackendOptions withCompressionThreshold(Integer compressionThreshold) {
    return new BackendOptions(version, motd, name, onlineMode, compressionThreshold, maxPlayers, port);
  }

  public BackendOptions withMaxPlayers(int maxPlayers) {
    return new BackendOptions(version, motd, name, onlineMode, compressionThreshold, maxPlayers, port);
  }

  public BackendOptions withPort(int port) {
    return new BackendOptions(version, motd, name, onlineMode, compressionThreshold, maxPlayers, port);
  }

  List<String> toArgs() {
    List<String> args = new ArrayList<>(List.of(
        "--port", Integer.toString(port),
        "--version", version == null ? "false" : version,
        "--motd-json", JsonArgs.string(motd),
        "--name-json", JsonArgs.string(name),
        "--online-mode", Boolean.toString(onlineMode),
        "--max-players", Integer.toString(maxPlayers)));
    if (compressionThreshold != null) {
      args.add("--compression-threshold");
      args.add(compressionThreshold.toString());
    }
    return args;
  }
}
