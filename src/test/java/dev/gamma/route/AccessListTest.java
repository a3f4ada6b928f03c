package dev.gamma.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessListTest {
    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
        "10.1.2.3, 10.0.0.0/8, true",
        "11.0.0.0, 10.0.0.0/8, false",
        "9.255.255.255, 10.0.0.0/8, false",
        "10.255.255.255, 10.0.0.0/8, true",
        "203.0.113.7, 203.0.113.7, true",
        "203.0.113.8, 203.0.113.7, false",
        "203.0.113.7, 203.0.113.7/32, true",
        "203.0.113.6, 203.0.113.7/31, true",
        "203.0.113.8, 203.0.113.7/31, false",
        "1.2.3.4, 0.0.0.0/0, true",
        "::1, 0.0.0.0/0, false",
        "2001:db8::1, ::/0, true",
        "2001:db8::1, 2001:db8::/32, true",
        "2001:db9::1, 2001:db8::/32, false",
        "2001:db8::1, 2001:db8::1/128, true",
        "2001:db8::2, 2001:db8::1/128, false",
        "::ffff:10.9.9.9, 10.0.0.0/8, true",
        "::ffff:11.9.9.9, 10.0.0.0/8, false",
        "0:0:0:0:0:ffff:a09:909, 10.9.9.9, true",
        "[2001:db8::5], 2001:db8::/64, true",
        "10.0.0.1, ::ffff:10.0.0.0/104, true",
        "11.0.0.1, ::ffff:10.0.0.0/104, false",
        "10.0.0.1, ::ffff:0:0/96, true",
        "10.0.0.1, ::ffff:0:0/80, true",
        "2001:db8::1, ::ffff:0:0/80, false",
        "::ffff:10.0.0.1, ::ffff:10.0.0.0/104, true",
        "not-an-address, 0.0.0.0/0, false",
    })
    void rangesMatchTheirAddresses(String address, String range, boolean expected) {
        assertThat(AddressRanges.parse(List.of(range)).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lb.example.com | not an IP address",
        "10.0.0.0/33 | does not fit",
        "::/129 | does not fit",
        "10.0.0.0/ | no prefix length",
        "10.0.0.0/-1 | no prefix length",
        "10.0.0.0/8/8 | no prefix length",
        "256.0.0.1 | not an IP address",
        "10.0.0 | not an IP address",
        "fe80::1%eth0 | not an IP address",
    })
    void badEntriesAreRefusedByName(String entry, String message) {
        assertThatThrownBy(() -> AddressRanges.parse(List.of("10.0.0.0/8", entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void denyWinsOverAllow() {
        AccessList access = AccessList.of(List.of("10.0.0.0/8"), List.of("10.6.0.0/16"));

        assertThat(access.admits("10.1.1.1")).isTrue();
        assertThat(access.admits("10.6.1.1")).isFalse();
        assertThat(access.admits("192.0.2.1")).as("not in a non-empty allow list").isFalse();
    }

    @Test
    void emptyListsAdmitEveryone() {
        assertThat(AccessList.of(List.of(), List.of())).isSameAs(AccessList.OPEN);
        assertThat(AccessList.OPEN.admits("192.0.2.1")).isTrue();
        assertThat(AccessList.OPEN.admits("garbage")).isTrue();
        assertThat(AccessList.of(List.of(), List.of("192.0.2.0/24")).admits("198.51.100.1")).isTrue();
    }

    @Test
    void anAllowListRefusesWhatIsNotAnAddress() {
        assertThat(AccessList.of(List.of("0.0.0.0/0", "::/0"), List.of()).admits("garbage")).isFalse();
    }

    @Test
    void listsLongerThanTheBoundAreRefused() {
        List<String> many = Collections.nCopies(AccessList.MAX_ENTRIES + 1, "10.0.0.1");

        assertThatThrownBy(() -> AccessList.of(List.of(), many)).hasMessageContaining("at most 10000");
        assertThat(AccessList.of(List.of(), many.subList(0, AccessList.MAX_ENTRIES)).admits("10.0.0.1")).isFalse();
    }

    @Test
    void twoListsTogetherDenyWhatEitherDeniesAndAllowWhatEitherAllows() {
        AccessList file = AccessList.of(List.of("10.0.0.0/8"), List.of("10.6.0.0/16"));
        AccessList fleet = AccessList.of(List.of("192.0.2.0/24"), List.of("10.7.0.1"));

        AccessList both = file.and(fleet);

        assertThat(both.admits("10.1.1.1")).isTrue();
        assertThat(both.admits("192.0.2.9")).isTrue();
        assertThat(both.admits("10.6.0.1")).isFalse();
        assertThat(both.admits("10.7.0.1")).isFalse();
        assertThat(both.admits("198.51.100.1")).isFalse();
        assertThat(file.and(AccessList.OPEN)).isSameAs(file);
        assertThat(AccessList.OPEN.and(fleet)).isSameAs(fleet);
        AccessList denyOnly = AccessList.of(List.of(), List.of("198.51.100.0/24"));
        assertThat(denyOnly.and(AccessList.of(List.of(), List.of("203.0.113.1"))).admits("192.0.2.1")).isTrue();
    }

    @Property(tries = 300)
    void anIpv4AddressMatchesItsOwnPrefixesAndItsMappedFormToo(@ForAll("ipv4") int address,
            @ForAll @IntRange(min = 0, max = 32) int prefix) {
        String text = v4(address);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        String network = v4(address & mask) + "/" + prefix;
        AddressRanges range = AddressRanges.parse(List.of(network));

        assertThat(range.contains(text)).isTrue();
        assertThat(range.contains("::ffff:" + text)).isTrue();
        if (prefix > 0) {
            int outside = address ^ (1 << (32 - prefix)); // flips the last bit of the prefix
            assertThat(range.contains(v4(outside))).isFalse();
        }
    }

    @Property(tries = 300)
    void denyAlwaysWins(@ForAll("ipv4") int address, @ForAll @IntRange(min = 0, max = 32) int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        String range = v4(address & mask) + "/" + prefix;
        AccessList access = AccessList.of(List.of(range, "0.0.0.0/0"), List.of(range));

        assertThat(access.admits(v4(address))).isFalse();
    }

    @Property(tries = 300)
    void everyListSurvivesItsJsonForm(@ForAll("entries") List<String> allow, @ForAll("entries") List<String> deny) {
        AccessList access = AccessList.of(allow, deny);

        JsonObject json = AccessJson.encode(access);

        assertThat(AccessJson.decode(new JsonObject(json.encode()))).isEqualTo(access);
    }

    @Test
    void jsonFromElsewhereIsCheckedEntryByEntry() {
        assertThatThrownBy(() -> AccessJson.decode(new JsonObject().put("deny", new JsonArray().add("10.0.0.1")
                .add("example.com")))).hasMessageContaining("deny[1]").hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AccessJson.decode(new JsonObject().put("deny", "10.0.0.1")))
                .hasMessageContaining("deny");
        assertThatThrownBy(() -> AccessJson.decode(new JsonObject().put("deny", new JsonArray().add(7))))
                .hasMessageContaining("deny[0]");
        assertThatThrownBy(() -> AccessJson.decode(new JsonObject().put("block", new JsonArray())))
                .hasMessageContaining("block: unknown key");
        JsonArray tooMany = new JsonArray(Collections.nCopies(AccessList.MAX_ENTRIES + 1, "10.0.0.1"));
        assertThatThrownBy(() -> AccessJson.decode(new JsonObject().put("allow", tooMany)))
                .hasMessageContaining("at most 10000");
    }

    @Test
    void aRoutesListTravelsInItsJsonFormAndAnOpenOneIsLeftOut() {
        Route open = RouteJson.decode(new JsonObject().put("host", new JsonArray().add("a.example.com"))
                .put("backends", new JsonArray().add("10.0.0.1:25565")));
        AccessList access = AccessList.of(List.of("10.0.0.0/8"), List.of("10.0.0.7", "2001:db8::/32"));
        Route guarded = open.withAccess(access);

        assertThat(open.access()).isSameAs(AccessList.OPEN);
        assertThat(RouteJson.encode(open).containsKey("access")).isFalse();
        JsonObject json = RouteJson.encode(guarded);
        assertThat(json.getJsonObject("access").getJsonArray("deny").getList())
                .containsExactly("10.0.0.7", "2001:db8::/32");
        assertThat(RouteJson.decode(json.encode())).isEqualTo(guarded);
        assertThatThrownBy(() -> RouteJson.decode(json.copy().put("access", new JsonObject().put("deny",
                new JsonArray().add("10.0.0.300"))))).hasMessageContaining("access.deny[0]");
    }

    @Provide
    Arbitrary<Integer> ipv4() {
        return Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<List<String>> entries() {
        Arbitrary<String> v4 = ipv4().map(AccessListTest::v4);
        Arbitrary<String> v4Range = Arbitraries.integers().between(0, 32).flatMap(p -> v4.map(a -> a + "/" + p));
        Arbitrary<String> v6 = Arbitraries.of("2001:db8::/32", "::1", "fd00::/8", "::ffff:10.0.0.0/104", "::/0");
        return Arbitraries.oneOf(v4, v4Range, v6).list().ofMaxSize(5);
    }

    private static String v4(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }
}
