package dev.gamma.tui;

import dev.gamma.client.Formats;
import java.util.ArrayList;
import java.util.List;

/** Lays the model out as rows of text for a terminal of a given size; no terminal involved, so tests read it. */
final class TopView {
    private TopView() {}

    static List<Line> render(TopModel model, int columns, int rows, long nowMillis) {
        List<Line> body = model.detailName().isEmpty()
                ? GlobalView.lines(model, rows - 2, nowMillis)
                : detail(model, nowMillis);
        List<Line> screen = new ArrayList<>(body.subList(0, Math.min(body.size(), Math.max(0, rows - 2))));
        while (screen.size() < rows - 2) {
            screen.add(Line.of(""));
        }
        screen.add(Line.of(bottomLine(model)));
        screen.add(Line.header(keys(model)));
        return screen.stream().map(l -> new Line(Cells.fit(l.text(), columns), l.style())).toList();
    }

    /** The prompt when one is open, otherwise the last error or status message. */
    static String bottomLine(TopModel model) {
        return switch (model.mode()) {
            case FILTER -> "filter by name: " + model.input();
            case KICK -> "kick " + model.selectedPlayer().map(Player::name).orElse("?") + ", reason: " + model.input();
            default -> model.error().isEmpty() ? model.status() : "! " + model.error();
        };
    }

    private static String keys(TopModel model) {
        return switch (model.mode()) {
            case FILTER -> " type a name part  Enter keep  Esc cancel";
            case KICK -> " type a reason (optional)  Enter kick  Esc cancel";
            case DETAIL -> " k kick  Esc back  q quit";
            default -> " ↑↓ move  Enter details  k kick  / filter  Esc clear  q quit";
        };
    }

    private static List<Line> detail(TopModel model, long nowMillis) {
        String name = model.detailName();
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of("Gamma top · player " + name + " · " + model.source()));
        lines.add(Line.of(""));
        var player = model.selectedPlayer();
        if (player.isEmpty()) {
            lines.add(Line.of("  " + name + " is no longer online."));
            return lines;
        }
        Player p = player.get();
        Rates.Rate rate = model.rates().of(p);
        lines.add(Line.of(field("address", p.address())));
        lines.add(Line.of(field("node", Formats.shortId(p.node()) + nodeAddress(model, p.node()))));
        lines.add(Line.of(field("route", p.route())));
        lines.add(Line.of(field("backend", p.backend())));
        lines.add(Line.of(field("version", "protocol " + p.protocol())));
        lines.add(Line.of(field("encrypted", p.encrypted() ? "yes" : "no")));
        lines.add(Line.of(field("uuid", p.uuid())));
        lines.add(Line.of(field("session", Cells.text(p.id()))));
        lines.add(Line.of(field("connected for", Formats.duration(nowMillis - p.connectedAt()))));
        lines.add(Line.of(field("bytes in", Formats.bytes(p.bytesIn()) + "  (" + Formats.rate(rate.in()) + ")")));
        lines.add(Line.of(field("bytes out", Formats.bytes(p.bytesOut()) + "  (" + Formats.rate(rate.out()) + ")")));
        return lines;
    }

    private static String nodeAddress(TopModel model, String nodeId) {
        return model.snapshot().flatMap(s -> s.nodes().stream().filter(n -> n.id().equals(nodeId)).findFirst())
                .map(n -> " (" + n.address() + ")").orElse("");
    }

    private static String field(String label, String value) {
        return "  " + Cells.pad(label, 15) + value;
    }
}
