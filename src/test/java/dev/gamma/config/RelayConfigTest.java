package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.config.RelayConfig.Transport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayConfigTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheSectionTheTransportIsChosenAtStartAndNothingIsSpliced() {
        assertThat(Fixture.parse(dir, "bind: 127.0.0.1:25565\n").relay())
                .isEqualTo(new RelayConfig(false, Transport.AUTO));
        assertThat(Fixture.parse(Path.of("conf/gamma.yaml"), Map.of()).relay())
                .isEqualTo(new RelayConfig(false, Transport.AUTO));
    }

    @Test
    void readsEveryTransport() {
        for (Transport transport : Transport.values()) {
            assertThat(Fixture.parse(dir, "relay: {transport: " + transport.key() + "}\n").relay().transport())
                    .isEqualTo(transport);
        }
        assertThat(Fixture.parse(dir, "relay: {splice: true, transport: epoll}\n").relay())
                .isEqualTo(new RelayConfig(true, Transport.EPOLL));
    }

    @Test
    void eventLoopsAreTwoPerProcessorUnlessSet() {
        RelayConfig auto = Fixture.parse(dir, "relay: {event-loops: auto}\n").relay();
        assertThat(auto).isEqualTo(new RelayConfig(false, Transport.AUTO));
        assertThat(auto.eventLoopsFor(6)).isEqualTo(12);
        assertThat(auto.eventLoopsFor(0)).as("a JVM that reports no processor still gets loops").isEqualTo(2);
        RelayConfig set = Fixture.parse(dir, "relay:\n  event-loops: 3\n").relay();
        assertThat(set.eventLoops()).isEqualTo(3);
        assertThat(set.eventLoopsFor(6)).isEqualTo(3);
    }

    @Test
    void anEventLoopCountOutOfRangeOrNotANumberIsNamedWithItsLine() {
        Path file = dir.resolve("F");
        for (String bad : new String[] {"0", "-2", "1025"}) {
            assertThat(Fixture.problems(file, "relay:\n  event-loops: " + bad + "\n", Map.of()))
                    .containsExactly(file + ":2: relay.event-loops: must be auto or from 1 to 1024, got " + bad);
        }
        assertThat(Fixture.problems(file, "relay:\n  event-loops: many\n", Map.of())).singleElement().asString()
                .startsWith(file + ":2: relay.event-loops: ").contains("expected a whole number, got \"many\"");
        assertThat(Fixture.problems(file, "relay:\n  event-loops: 2.5\n", Map.of())).singleElement().asString()
                .startsWith(file + ":2: relay.event-loops: ").contains("expected a whole number, got 2.5");
    }

    @Test
    void anUnknownTransportOrSpliceWithoutEpollIsNamedWithItsLine() {
        Path file = dir.resolve("F");
        assertThat(Fixture.problems(file, "relay:\n  transport: uring\n", Map.of())).singleElement().asString()
                .startsWith(file + ":2: relay.transport: ")
                .contains("unknown transport \"uring\" (one of auto, io_uring, epoll, nio)");
        for (String without : new String[] {"io_uring", "nio"}) {
            assertThat(Fixture.problems(file, "relay:\n  splice: true\n  transport: " + without + "\n", Map.of()))
                    .containsExactly(file + ":3: relay.transport: is " + without
                            + ", but relay.splice needs epoll: set it to epoll or auto, or turn splice off");
        }
    }
}
