package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.route.AccessList;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetAccessTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final LocalSharedTable table = new LocalSharedTable(SharedTable.Name.ACCESS, clock::get);
    private final List<AccessList> told = new ArrayList<>();

    @TempDir
    Path dir;

    private FleetAccess fleet(Path dataDir) {
        FleetAccess access = new FleetAccess(table, new LocalNodeDirectory("node-a"), dataDir, clock::get);
        access.onChange(told::add);
        return access;
    }

    @Test
    void aSettingIsInForceSharedAndSaved() throws Exception {
        FleetAccess access = fleet(dir);
        AccessList list = AccessList.of(List.of(), List.of("192.0.2.0/24"));

        FleetAccess.Setting set = access.set(list);

        assertThat(told).containsExactly(list);
        assertThat(table.get(FleetAccess.KEY).getJsonArray("deny").getList()).containsExactly("192.0.2.0/24");
        assertThat(Files.readString(dir.resolve("access.json"))).contains("192.0.2.0/24");
        clock.addAndGet(60_000);
        FleetAccess restarted = new FleetAccess(new LocalSharedTable(SharedTable.Name.ACCESS, clock::get),
                new LocalNodeDirectory("node-a"), dir, clock::get);
        restarted.loadBlocking();
        assertThat(restarted.current()).isEqualTo(set);
    }

    @Test
    void anOlderSettingNeverReplacesANewerOne() {
        FleetAccess access = fleet(dir);
        access.set(AccessList.of(List.of(), List.of("192.0.2.1")));
        long newest = access.current().setAt();

        table.put(FleetAccess.KEY, value("198.51.100.1", newest - 1));

        assertThat(access.current().list().deny().entries()).containsExactly("192.0.2.1");
        access.refresh();
        assertThat(table.get(FleetAccess.KEY).getLong("setAt")).as("the newer one written back").isEqualTo(newest);

        table.put(FleetAccess.KEY, value("198.51.100.2", newest + 1));
        assertThat(access.current().list().deny().entries()).containsExactly("198.51.100.2");
    }

    @Test
    void valuesOfTheWrongShapeAreRefusedAndTheListStays() {
        FleetAccess access = fleet(dir);
        access.set(AccessList.of(List.of(), List.of("192.0.2.1")));
        long later = access.current().setAt() + 1000;

        table.put(FleetAccess.KEY, new JsonObject().put("deny", new JsonArray().add("example.com"))
                .put("setAt", later));
        table.put(FleetAccess.KEY, new JsonObject().put("deny", "192.0.2.0/24").put("setAt", later));
        table.put(FleetAccess.KEY, new JsonObject().put("deny", new JsonArray()).put("setAt", "soon"));
        table.put(FleetAccess.KEY, new JsonObject().put("deny", new JsonArray()).put("evil", 1).put("setAt", later));

        assertThat(access.current().list().deny().entries()).containsExactly("192.0.2.1");
        assertThat(told).hasSize(1);
    }

    @Test
    void aNodeWithoutASettingWritesNothingAndABadFileIsIgnored() throws Exception {
        Files.writeString(dir.resolve("access.json"), "{not json");
        FleetAccess access = fleet(dir);

        access.loadBlocking();
        access.refresh();

        assertThat(access.current().setAt()).isZero();
        assertThat(access.current().list()).isSameAs(AccessList.OPEN);
        assertThat(table.get(FleetAccess.KEY)).isNull();
    }

    private static JsonObject value(String deny, long setAt) {
        return new JsonObject().put("allow", new JsonArray()).put("deny", new JsonArray().add(deny))
                .put("setAt", setAt);
    }
}
