package dev.gamma.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peers against each other, without Gamma in between: proves the harness before other tests trust
 * it. One offline and one online backend, each accepting every version ({@code version: false}), serve the
 * whole class; they start on first use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeersSelfTest {

  /** The newest version minecraft-data 3.117.0 (pulled in by nmp 1.68.0) has protocol data for. */
  static final String NEWEST = Peers.NEWEST_VERSION;

  private static final String FAKE_HOST = "play.example.com\0FML\0";
  private static final String MOTD = "Gamma self-test \u00a7a\u2713";
  private static final Duration TIMEOUT = Peers.TIMEOUT;

  private BackendPeer offline;
  private BackendPeer online;

  @BeforeEach
  void needsPeers() {
    Peers.assumeAvailable(); // per test rather than in @BeforeAll: reports show each test as skipped
  }

  @AfterAll
  void stopBackends() {
    if (offline != null) offline.close();
    if (online != null) online.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.8.9", "1.12.2", "1.16.5", "1.20.4", "1.21.4", NEWEST})
  void clientLogsInChatsAndIsKicked(String version) {
    String username = username("c", version);
    try (ClientPeer client = Peers.client(ClientOptions.of(offline().port(), version)
        .withFakeHost(FAKE_HOST).withUsername(username).withChat("hi"))) {
      client.await("login", TIMEOUT);
      JsonObject login = offline().awaitLogin(username, TIMEOUT);
      assertThat(login.getString("host")).isEqualTo(FAKE_HOST);
      assertThat(login.getString("name")).isEqualTo("offline");
      assertThat(login.getBoolean("encrypted")).isFalse();
      assertThat(login.getInteger("compressionThreshold")).isEqualTo(256); // nmp's default

      assertThat(offline().awaitChat(username, TIMEOUT).getString("message")).isEqualTo("hi");
      assertThat(client.await("chat", TIMEOUT).getString("text")).isEqualTo("echo: hi");

      offline().say(username, "from the backend");
      assertThat(client.await("chat", TIMEOUT).getString("text")).isEqualTo("from the backend");

      offline().kick(username, "Kicked by the self-test");
      JsonObject kicked = client.await("kicked", TIMEOUT);
      assertThat(kicked.getString("reason")).isEqualTo("Kicked by the self-test");
      assertThat(kicked.getString("state")).isEqualTo("play");
      client.await("end", TIMEOUT);
      assertThat(client.waitForExit(TIMEOUT)).isZero();
      assertThat(offline().await(e -> "end".equals(e.getString("event")) && username.equals(e.getString("username")),
          "end event of " + username, TIMEOUT)).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.8.9", "1.12.2", "1.16.5", "1.20.4", "1.21.4", NEWEST})
  void pingReturnsTheMotdAndTheBackendSeesTheFakeHost(String version) {
    String fakeHost = "status-" + version + ".example.com\0FML2\0";
    JsonObject status = Peers.ping("127.0.0.1", offline().port(), fakeHost, version);

    assertThat(status.getJsonObject("description").getString("text")).isEqualTo(MOTD);
    JsonObject seen = offline().await(e -> "ping".equals(e.getString("event")) && fakeHost.equals(e.getString("host")),
        "ping event for " + fakeHost, TIMEOUT);
    assertThat(seen.getInteger("protocol")).isEqualTo(status.getJsonObject("version").getInteger("protocol"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.8.9", "1.12.2", "1.16.5", "1.20.4", "1.21.4", NEWEST})
  void onlineModeBackendCompletesAnEncryptedLogin(String version) {
    String username = username("e", version);
    try (ClientPeer client = Peers.client(ClientOptions.of(online().port(), version)
        .withFakeHost("secure.example.com").withUsername(username))) {
      client.await("login", TIMEOUT);
      JsonObject login = online().awaitLogin(username, TIMEOUT);
      assertThat(login.getBoolean("encrypted")).isTrue();
      assertThat(login.getString("host")).isEqualTo("secure.example.com");
    }
  }

  @Test
  void compressionThresholdIsConfigurable() {
    try (BackendPeer uncompressed = Peers.backend(BackendOptions.defaults().withName("raw").withCompressionThreshold(-1));
        ClientPeer client = Peers.client(ClientOptions.of(uncompressed.port(), "1.20.4").withUsername("Raw"))) {
      client.await("login", TIMEOUT);
      assertThat(uncompressed.awaitLogin("Raw", TIMEOUT).getInteger("compressionThreshold")).isEqualTo(-1);
    }
  }

  @Test
  void clientReportsAnUnreachableBackendAndExits() {
    try (ClientPeer client = Peers.client(ClientOptions.of(1, "1.20.4"))) {
      assertThat(client.await("error", TIMEOUT).getString("message")).contains("ECONNREFUSED");
      client.await("end", TIMEOUT);
      assertThat(client.waitForExit(TIMEOUT)).isEqualTo(1);
      assertThatThrownBy(() -> client.await("login", TIMEOUT))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("output ended")
          .hasMessageContaining("ECONNREFUSED");
    }
  }

  @Test
  void awaitLeavesOtherEventsForLaterAwaits() {
    String username = "Order";
    try (ClientPeer client = Peers.client(ClientOptions.of(offline().port(), "1.20.4").withUsername(username))) {
      client.await("login", TIMEOUT);
      offline().awaitLogin(username, TIMEOUT);
      offline().say(username, "one");
      offline().say(username, "two");
      offline().kick(username, "three");
      assertThat(client.await("kicked", TIMEOUT).getString("reason")).isEqualTo("three");
      assertThat(client.await("chat", TIMEOUT).getString("text")).isEqualTo("one");
      assertThat(client.await("chat", TIMEOUT).getString("text")).isEqualTo("two");
      client.await("end", TIMEOUT);
      assertThat(client.events()).extracting(e -> e.getString("event"))
          .containsSubsequence("connected", "login", "chat", "chat", "kicked", "end");
    }
  }

  @Test
  void newestVersionIsTheLastOneMinecraftDataKnows() throws IOException {
    JsonArray versions = new JsonArray(Files.readString(Peers.nodeDirectory()
        .resolve("node_modules/minecraft-data/minecraft-data/data/pc/common/versions.json")));
    assertThat(versions.getString(versions.size() - 1)).isEqualTo(NEWEST);
  }

  /** The shared offline backend, started on first use. */
  private BackendPeer offline() {
    if (offline == null) offline = Peers.backend(BackendOptions.defaults().withName("offline").withMotd(MOTD));
    return offline;
  }

  /** The shared online-mode backend, started on first use. */
  private BackendPeer online() {
    if (online == null) online = Peers.backend(BackendOptions.defaults().withName("online").withOnlineMode(true));
    return online;
  }

  private static String username(String prefix, String version) {
    return prefix + version.replace('.', '_');
  }
}
