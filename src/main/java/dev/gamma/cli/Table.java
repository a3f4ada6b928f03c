package dev.gamma.cli;

import dev.gamma.client.Formats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: a header row and columns padded to their widest cell, two spaces apart. Every cell is
 * made {@link Formats#printable}, so a value from the network can neither add a row nor steer the terminal.
 */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(columns + " cells expected, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : Formats.printable(String.valueOf(c)))
                .toArray(String[]::new));
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    List<String> lines() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], Formats.columns(row[i]));
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i < columns - 1 ? pad(row[i], widths[i] + 2) : row[i]);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    void print(PrintWriter out) {
        lines().forEach(out::println);
        out.flush();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - Formats.columns(text)));
    }
}
