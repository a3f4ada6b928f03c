package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small parsers: host:port, durations, route hosts, CIDR ranges, spelling suggestions. */
class ValueSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0:25565     | 0.0.0.0     | 25565 | 0.0.0.0:25565",
        "localhost:0       | localhost   | 0     | localhost:0",
        "' mc.example.com:1 ' | mc.example.com | 1 | mc.example.com:1",
        "[::1]:25565       | ::1         | 25565 | [::1]:25565",
        "[fd00::2]:80      | fd00::2     | 80    | [fd00::2]:80",
        "gamma_2:5701      | gamma_2     | 5701  | gamma_2:5701",
    })
    void hostPortParsesAndPrints(String text, String host, int port, String printed) {
        HostPort parsed = HostPort.parse(text);
        assertThat(parsed).isEqualTo(new HostPort(host, port));
        assertThat(parsed.toString()).isEqualTo(printed);
        assertThat(HostPort.parse(parsed.toString())).isEqualTo(parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost        | '\"localhost\" is not host:port'",
        "':25565'         | '\":25565\" is not host:port (the host is missing)'",
        "'a:'             | '\"a:\" is not host:port (the port is missing)'",
        "a:65536          | '\"a:65536\" is not host:port (port \"65536\" is not a number from 0 to 65535)'",
        "a:-1             | '\"a:-1\" is not host:port (port \"-1\" is not a number from 0 to 65535)'",
        "'::1:25565'      | '\"::1:25565\" is not host:port (write an IPv6 address in brackets, like [::1]:25565)'",
        "'[::1]25565'     | '\"[::1]25565\" is not host:port'",
        "'[host]:1'       | '\"[host]:1\" is not host:port (\"host\" in brackets is not an IPv6 address)'",
        "'my host:1'      | '\"my host:1\" is not host:port (\"my host\" is not a host name or address)'",
        "http://a:1       | '\"http://a:1\" is not host:port (write an IPv6 address in brackets, like [::1]:25565)'",
    })
    void hostPortRejectsWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5s | PT5S", "500ms | PT0.5S", "2m | PT2M", "1h | PT1H", "30 | PT30S", "1.5s | PT1.5S", "0 | PT0S",
    })
    void durationsParse(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"5 sec", "-1s", "5d", "s", "''", "PT5S", "99999999999h"})
    void durationsRejectOtherForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"" + text + "\" is ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Play.Example.COM  | play.example.com",
        "play.example.com. | play.example.com",
        "*.Example.com     | *.example.com",
        "*                 | *",
        "10.0.0.1          | 10.0.0.1",
        "my_server         | my_server",
    })
    void routeHostsAreNormalized(String text, String expected) {
        assertThat(HostSyntax.routeHost(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a b", "*.", "**", "a.*.com", "x*.com", "-a.com", "a..com", "a.com:25565", "''"})
    void routeHostsRejectOtherForms(String text) {
        assertThatThrownBy(() -> HostSyntax.routeHost(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not a hostname, a *.suffix wildcard or *");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8", "192.168.1.5", "0.0.0.0/0", "::1", "fd00::/8", "::/0", "2001:db8::1/128"})
    void cidrRangesAccepted(String text) {
        assertThat(HostSyntax.cidr(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "256.0.0.1", "10.0.0", "example.com", "::1/129", "fd00::/x", "10.0.0.0/", ".:1"})
    void cidrRangesRejected(String text) {
        assertThatThrownBy(() -> HostSyntax.cidr(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not an IP address or CIDR range (like 10.0.0.0/8)");
    }

    @ParameterizedTest
    @CsvSource({"limts, limits", "bakend, backend", "per_ip_rate, per-ip-rate", "Bind, bind", "hosts, host"})
    void suggestsTheClosestKey(String typo, String expected) {
        var keys = java.util.List.of("bind", "limits", "backend", "backends", "per-ip-rate", "host", "handlers");
        assertThat(Suggestions.closest(typo, keys)).contains(expected);
    }

    @Test
    void suggestsNothingForUnrelatedWords() {
        assertThat(Suggestions.closest("colour", java.util.List.of("bind", "limits", "routes"))).isEmpty();
        assertThat(Suggestions.closest("ab", java.util.List.of("max"))).isEmpty();
    }
}
