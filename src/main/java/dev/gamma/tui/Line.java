package dev.gamma.tui;

/** One screen row of text and how it is drawn. */
record Line(String text, Style style) {
    enum Style { PLAIN, HEADER, SELECTED }

    static Line of(String text) {
        return new Line(text, Style.PLAIN);
    }

    static Line header(String text) {
        return new Line(text, Style.HEADER);
    }
}
