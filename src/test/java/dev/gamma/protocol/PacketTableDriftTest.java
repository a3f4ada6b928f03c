package dev.gamma.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every id in {@link PacketTable} agrees with minecraft-data's protocol.json for every release version. */
class PacketTableDriftTest {
    private static final Path DATA = Path.of("src/test/node/node_modules/minecraft-data/minecraft-data/data");

    /** minecraft-data's packet names for each kind: state, direction, name(s). */
    private static final Map<PacketKind, String[]> NAMES = new HashMap<>();

    static {
        NAMES.put(PacketKind.LOGIN_DISCONNECT, new String[] {"login", "toClient", "disconnect"});
        NAMES.put(PacketKind.ENCRYPTION_REQUEST, new String[] {"login", "toClient", "encryption_begin"});
        NAMES.put(PacketKind.LOGIN_SUCCESS, new String[] {"login", "toClient", "success"});
        NAMES.put(PacketKind.SET_COMPRESSION, new String[] {"login", "toClient", "compress"});
        NAMES.put(PacketKind.LOGIN_PLUGIN_REQUEST, new String[] {"login", "toClient", "login_plugin_request"});
        NAMES.put(PacketKind.COOKIE_REQUEST, new String[] {"login", "toClient", "cookie_request"});
        NAMES.put(PacketKind.LOGIN_START, new String[] {"login", "toServer", "login_start"});
        NAMES.put(PacketKind.ENCRYPTION_RESPONSE, new String[] {"login", "toServer", "encryption_begin"});
        NAMES.put(PacketKind.LOGIN_PLUGIN_RESPONSE, new String[] {"login", "toServer", "login_plugin_response"});
        NAMES.put(PacketKind.LOGIN_ACKNOWLEDGED, new String[] {"login", "toServer", "login_acknowledged"});
        NAMES.put(PacketKind.CONFIGURATION_DISCONNECT, new String[] {"configuration", "toClient", "disconnect"});
        NAMES.put(PacketKind.FINISH_CONFIGURATION, new String[] {"configuration", "toClient", "finish_configuration"});
        NAMES.put(PacketKind.ACKNOWLEDGE_FINISH_CONFIGURATION,
                new String[] {"configuration", "toServer", "finish_configuration"});
        NAMES.put(PacketKind.PLAY_DISCONNECT, new String[] {"play", "toClient", "kick_disconnect"});
        NAMES.put(PacketKind.START_CONFIGURATION, new String[] {"play", "toClient", "start_configuration"});
        NAMES.put(PacketKind.ACKNOWLEDGE_CONFIGURATION, new String[] {"play", "toServer", "configuration_acknowledged"});
        NAMES.put(PacketKind.SYSTEM_CHAT, new String[] {"play", "toClient", "system_chat"});
        NAMES.put(PacketKind.LEGACY_CHAT, new String[] {"play", "toClient", "chat"});
        NAMES.put(PacketKind.PLAYER_CHAT, new String[] {"play", "toClient", "player_chat"});
        NAMES.put(PacketKind.CHAT, new String[] {"play", "toServer", "chat", "chat_message"});
        NAMES.put(PacketKind.CHAT_COMMAND, new String[] {"play", "toServer", "chat_command"});
    }

    @Test
    void everyKindHasItsMinecraftDataName() {
        assertThat(NAMES).containsOnlyKeys(PacketKind.values());
    }

    @Test
    void tableMatchesMinecraftDataForEveryReleaseVersion() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "needs `npm ci` in src/test/node");
        JsonObject paths = new JsonObject(Files.readString(DATA.resolve("dataPaths.json"))).getJsonObject("pc");
        Map<String, Integer> protocolOf = protocolVersions();
        Map<Integer, String> checked = new TreeMap<>();
        for (String version : paths.fieldNames()) {
            Integer protocol = protocolOf.get(version);
            String protocolDir = paths.getJsonObject(version).getString("protocol");
            if (!version.matches("\\d+\\.\\d+(\\.\\d+)?") || protocol == null || protocol < PacketTable.oldest()
                    || protocolDir == null || !Files.exists(DATA.resolve(protocolDir).resolve("protocol.json"))) {
                continue;
            }
            JsonObject spec = new JsonObject(Files.readString(DATA.resolve(protocolDir).resolve("protocol.json")));
            PacketTable table = PacketTable.forVersion(protocol);
            for (PacketKind kind : PacketKind.values()) {
                assertThat(table.id(kind)).as("%s in %s (protocol %d)", kind, version, protocol)
                        .isEqualTo(idIn(spec, NAMES.get(kind)));
            }
            for (PacketState state : new PacketState[] {PacketState.LOGIN, PacketState.CONFIGURATION, PacketState.PLAY}) {
                for (PacketDirection direction : PacketDirection.values()) {
                    assertThat(PacketIdCounts.count(protocol, state, direction))
                            .as("ids of %s %s in %s (protocol %d)", state, direction, version, protocol)
                            .isEqualTo(idCount(spec, state, direction));
                }
            }
            checked.put(protocol, version);
        }
        assertThat(checked).hasSizeGreaterThan(40);
        assertThat(PacketTable.knownVersions()).containsExactlyElementsOf(checked.keySet());
        assertThat(PacketTable.newest()).isEqualTo(checked.keySet().stream().mapToInt(i -> i).max().orElseThrow());
    }

    private static OptionalInt idIn(JsonObject spec, String[] name) {
        JsonObject state = spec.getJsonObject(name[0]);
        if (state == null) {
            return OptionalInt.empty();
        }
        JsonObject mappings = state.getJsonObject(name[1]).getJsonObject("types").getJsonArray("packet")
                .getJsonArray(1).getJsonObject(0).getJsonArray("type").getJsonObject(1).getJsonObject("mappings");
        for (String hex : mappings.fieldNames()) {
            for (int i = 2; i < name.length; i++) {
                if (name[i].equals(mappings.getString(hex))) {
                    return OptionalInt.of(Integer.decode(hex));
                }
            }
        }
        return OptionalInt.empty();
    }

    /** One more than the highest id minecraft-data lists (its ids have no gaps, which is checked too). */
    private static int idCount(JsonObject spec, PacketState state, PacketDirection direction) {
        JsonObject section = spec.getJsonObject(state.name().toLowerCase());
        if (section == null) {
            return 0;
        }
        JsonObject mappings = section.getJsonObject(direction == PacketDirection.CLIENTBOUND ? "toClient" : "toServer")
                .getJsonObject("types").getJsonArray("packet").getJsonArray(1).getJsonObject(0).getJsonArray("type")
                .getJsonObject(1).getJsonObject("mappings");
        int count = mappings.size();
        for (String hex : mappings.fieldNames()) {
            assertThat(Integer.decode(hex)).as("ids without gaps").isBetween(0, count - 1);
        }
        return count;
    }

    private static Map<String, Integer> protocolVersions() throws IOException {
        JsonArray versions = new JsonArray(Files.readString(DATA.resolve("pc/common/protocolVersions.json")));
        Map<String, Integer> protocolOf = new HashMap<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonObject v = versions.getJsonObject(i);
            protocolOf.putIfAbsent(v.getString("minecraftVersion"), v.getInteger("version"));
        }
        return protocolOf;
    }
}
