package dev.gamma.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Printable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"-5000, 0s", "0, 0s", "45999, 45s", "60000, 1m 00s", "192000, 3m 12s", "7500000, 2h 05m",
            "273600000, 3d 04h"})
    void durationsReadLikeAClock(long millis, String text) {
        assertThat(Formats.duration(millis)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "512, 512 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "20971520, 20.0 MiB",
            "1073741824, 1.0 GiB"})
    void bytesUseBinaryUnits(long count, String text) {
        assertThat(Formats.bytes(count)).isEqualTo(text);
    }

    @Test
    void ratesArePerSecondAndIdsShort() {
        assertThat(Formats.rate(2048)).isEqualTo("2.0 KiB/s");
        assertThat(Formats.shortId("0123456789abcdef")).isEqualTo("01234567");
        assertThat(Formats.shortId("abc")).isEqualTo("abc");
    }

    @Test
    void longValuesAreCut() {
        assertThat(Formats.printable("x".repeat(1000))).hasSize(Formats.MAX_TEXT + 1).endsWith("x…");
    }

    @Test
    void printableJsonHoldsTheSameValuesAndNothingATerminalActsOn() {
        String name = "a\u001b[31m\u009b\u202e\u2028\u007f\ufeff\\\"\u540d\ud83d\ude00";
        String json = new JsonArray().add(new JsonObject().put("name", name).put("n", 1)).encode();

        String printed = Formats.printableJson(json);

        assertThat(printed.chars().filter(c -> Printable.needsEscape((char) c))).isEmpty();
        assertThat(printed).contains("\\u009b", "\\u202e", "\\u2028", "\\u007f", "\\ufeff", "\u540d");
        assertThat(new JsonArray(printed).getJsonObject(0).getString("name")).isEqualTo(name);
        assertThat(Formats.printableJson("[\n  {\"a\": 1}\r\n]")).isEqualTo("[\n  {\"a\": 1}\r\n]");
    }
}
