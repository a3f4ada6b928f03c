package dev.gamma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Printable;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void tablesPadColumnsToTheWidestCell() {
        Table table = new Table("A", "LONGER", "C").row("wide cell", "x", "y").row("z", "", "last");
        assertThat(table.lines()).containsExactly(
                "A          LONGER  C",
                "wide cell  x       y",
                "z                  last");
    }

    @Test
    void tableCellsAreEscapedAndWideCharactersKeepTheColumnsAligned() {
        Table table = new Table("NAME", "ROUTE").row("Evil\u001b[2J\nNotch  lobby.test", "a\u009b31m\u202eb")
                .row("\u540d\u524d", "x").row("Steve", "y");
        assertThat(table.lines()).containsExactly(
                "NAME                                  ROUTE",
                "Evil\\u001b[2J\\u000aNotch  lobby.test  a\\u009b31m\\u202eb",
                "\u540d\u524d                                  x",
                "Steve                                 y");
        assertThat(String.join("", table.lines()).chars().filter(c -> Printable.needsEscape((char) c))).isEmpty();
    }
}
