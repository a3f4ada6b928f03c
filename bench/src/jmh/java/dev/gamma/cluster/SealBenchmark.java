package dev.gamma.cluster;

import dev.gamma.config.ClusterSecrets;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What sealing adds to a login: the node turns the new player's entry into JSON and seals it before the
 * asynchronous put ({@code sealEntry}), against the JSON alone as before sealing ({@code encodeEntry}); every other
 * node opens it from the entry event ({@code openEntry}). Also a kick command's MAC, both ways.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SealBenchmark {
    private static final String SECRET = "a-benchmark-secret-of-at-least-32-characters";

    private PlayerEntry entry;
    private Sealer sealer;
    private byte[] sealed;
    private CommandSeal commands;
    private CommandSeal receiver;
    private JsonObject kick;
    private long clock;

    @Setup
    public void setUp() {
        entry = new PlayerEntry("5f0e8a3c-0f52-4a6e-9d0b-2c1f7f0b9a11-1042", "Steve",
                "8667ba71-b85a-4004-af54-457a9734eed7", "5f0e8a3c-0f52-4a6e-9d0b-2c1f7f0b9a11", "play.example.com",
                "10.0.0.12:25565", "203.0.113.9", 769, false, 1_764_000_000_000L, 0, 0);
        Keyring keyring = new Keyring(new ClusterSecrets(List.of(SECRET)), "gamma");
        sealer = new Sealer(keyring, new SecureRandom());
        sealed = sealer.seal(HazelcastPlayerRegistry.MAP, entry.id(), bytes(entry));
        ClusterRejections rejections = new ClusterRejections();
        commands = new CommandSeal(keyring, "node-1", () -> clock, rejections);
        receiver = new CommandSeal(keyring, "node-2", () -> clock, rejections);
        kick = new JsonObject().put("ids", List.of(entry.id())).put("reason", "Kicked by an operator");
    }

    @Benchmark
    public byte[] encodeEntry() {
        return bytes(entry);
    }

    @Benchmark
    public byte[] sealEntry() {
        return sealer.seal(HazelcastPlayerRegistry.MAP, entry.id(), bytes(entry));
    }

    @Benchmark
    public PlayerEntry openEntry() throws Sealer.Unsealable {
        byte[] plain = sealer.open(HazelcastPlayerRegistry.MAP, entry.id(), sealed);
        return PlayerEntry.fromJson(new JsonObject(new String(plain, StandardCharsets.UTF_8)));
    }

    @Benchmark
    public JsonObject signAndCheckCommand() throws CommandSeal.Rejected {
        clock++; // a fresh nonce and time each round, as the replay check keeps them
        return receiver.unwrap("gamma.kick.node-2", commands.wrap("gamma.kick.node-2", kick));
    }

    private static byte[] bytes(PlayerEntry entry) {
        return entry.toJson().encode().getBytes(StandardCharsets.UTF_8);
    }
}
