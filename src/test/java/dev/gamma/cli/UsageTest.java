package dev.gamma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What an operator sees when no node answers or the command line is wrong. */
class UsageTest {

    @Test
    void noNodeAnsweringSaysWhereItLookedAndWhatToSet() {
        String api = "http://127.0.0.1:" + LiveNode.freePort();
        for (String command : new String[] {"players", "nodes", "routes", "top"}) {
            Gamma run = Gamma.run(command, "--api", api);
            assertThat(run.code()).as(command).isEqualTo(1);
            assertThat(run.err()).as(command)
                    .contains("no Gamma node answers at " + api + ": is it running? (--api / GAMMA_API)");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kick                               | NAME",
        "kick Steve --id s-1                | mutually exclusive",
        "kick --reason bye                  | NAME",
        "broadcast                          | TEXT",
        "routes set only.host               | BACKEND",
        "routes remove                      | HOST",
        "players --bogus                    | --bogus",
        "players --api not-a-url            | --api http://127.0.0.1:8080",
        "routes set h b:1 --max-players lot | --max-players",
        "playres                            | playres",
    })
    void badUsageExitsWithTwoAndSaysWhatToType(String line, String mentioned) {
        Gamma run = Gamma.run(line.strip().split("\\s+"));
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(mentioned).contains("Try: gamma");
    }

    @Test
    void helpListsTheCommands() {
        Gamma run = Gamma.run("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("players", "kick", "broadcast", "routes", "nodes", "top");
        assertThat(Gamma.run("routes", "--help").out()).contains("--api", "--token", "set", "remove", "list");
    }
}
