package dev.gamma.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** A Markdown table with padded columns, so that it reads the same in a terminal and in a browser. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    /** Leading columns that hold text (left-aligned); the rest hold figures (right-aligned). */
    private final int textColumns;

    TextTable(List<String> header) {
        this(header, 1);
    }

    TextTable(List<String> header, int textColumns) {
        rows.add(header.toArray(String[]::new));
        this.textColumns = textColumns;
    }

    void row(List<String> cells) {
        rows.add(cells.toArray(String[]::new));
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        Arrays.fill(width, 3);
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), width);
            if (r == 0) {
                String[] rule = new String[columns];
                for (int c = 0; c < columns; c++) {
                    rule[c] = c < textColumns ? "-".repeat(width[c]) : "-".repeat(width[c] - 1) + ":";
                }
                line(out, rule, width);
            }
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] width) {
        out.append('|');
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            out.append(' ').append(c < textColumns ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }

    static String number(OptionalDouble value) {
        if (value.isEmpty()) {
            return "–";
        }
        double v = value.getAsDouble();
        double abs = Math.abs(v);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, v);
    }

    static String whole(OptionalDouble value) {
        return value.isEmpty() ? "–" : Long.toString(Math.round(value.getAsDouble()));
    }

    static String ratio(OptionalDouble value) {
        return value.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f×", value.getAsDouble());
    }

    static OptionalDouble divide(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() && b.getAsDouble() != 0
                ? OptionalDouble.of(a.getAsDouble() / b.getAsDouble()) : OptionalDouble.empty();
    }
}
