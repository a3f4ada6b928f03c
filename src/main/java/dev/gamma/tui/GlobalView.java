package dev.gamma.tui;

import static dev.gamma.tui.Cells.pad;

import dev.gamma.client.Formats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The global view: totals, nodes, routes with players and throughput, then the player list. */
final class GlobalView {
    private GlobalView() {}

    static List<Line> lines(TopModel model, int height, long nowMillis) {
        List<Line> lines = new ArrayList<>();
        if (model.snapshot().isEmpty()) {
            lines.add(Line.of("Gamma top · " + model.source() + " · connecting…"));
            return lines;
        }
        Snapshot s = model.snapshot().get();
        Rates rates = model.rates();
        Rates.Rate total = rates.sum(s.players());
        lines.add(Line.of("Gamma top · " + model.source().replaceFirst("^https?://", "") + " · nodes "
                + s.nodes().size() + " · players " + s.players().size() + " · in " + Formats.rate(total.in())
                + " · out " + Formats.rate(total.out())));
        int budget = Math.max(1, (height - 6) / 4);
        lines.add(Line.header(pad("NODE", 10) + pad("ADDRESS", 22) + pad("ADMIN", 22) + pad("PLAYERS", 9)
                + pad("UP FOR", 12) + "STATE"));
        section(lines, s.nodes().stream().map(n -> pad(Formats.shortId(n.id()), 10) + pad(n.address(), 22)
                + pad(n.admin(), 22) + pad(Long.toString(n.players()), 9)
                + pad(Formats.duration(nowMillis - n.startedAt()), 12) + n.stateCell(nowMillis)).toList(), budget);
        lines.add(Line.header(pad("ROUTE", 30) + pad("PLAYERS", 9) + pad("IN", 14) + "OUT"));
        section(lines, routeLines(s, rates), budget);
        players(lines, model, Math.max(1, height - lines.size() - 1), nowMillis);
        return lines;
    }

    private static List<String> routeLines(Snapshot s, Rates rates) {
        Map<String, List<Player>> byRoute = s.players().stream().collect(Collectors.groupingBy(Player::route));
        Set<String> routes = new LinkedHashSet<>(byRoute.keySet().stream().sorted().toList());
        routes.addAll(s.routeHosts());
        return routes.stream().map(route -> {
            List<Player> players = byRoute.getOrDefault(route, List.of());
            Rates.Rate rate = rates.sum(players);
            String wake = s.wakeStates().get(route);
            String mark = s.guardedHosts().contains(route) ? " ⊘" : ""; // an access list narrows who may join
            String label = wake == null ? route + mark : route + mark + " (" + wake + ")";
            return pad(label, 30) + pad(Integer.toString(players.size()), 9) + pad(Formats.rate(rate.in()), 14)
                    + Formats.rate(rate.out()) + (s.inMaintenance().contains(route) ? "  maintenance" : "");
        }).toList();
    }

    private static void section(List<Line> lines, List<String> rows, int budget) {
        if (rows.isEmpty()) {
            lines.add(Line.of("  (none)"));
        }
        int shown = rows.size() > budget ? budget - 1 : rows.size();
        rows.subList(0, Math.max(0, shown)).forEach(r -> lines.add(Line.of(r)));
        if (shown < rows.size()) {
            lines.add(Line.of("  … " + (rows.size() - shown) + " more"));
        }
    }

    private static void players(List<Line> lines, TopModel model, int height, long nowMillis) {
        List<Player> visible = model.visiblePlayers();
        String title = "PLAYER" + (model.filter().isEmpty() ? "" : " ~" + model.filter());
        lines.add(Line.header(pad(title, 17) + pad("ROUTE", 20) + pad("NODE", 9) + pad("ONLINE", 10)
                + pad("IN", 11) + "OUT"));
        if (visible.isEmpty()) {
            lines.add(Line.of(model.filter().isEmpty() ? "  no players online" : "  no player matches " + model.filter()));
            return;
        }
        int rows = Math.max(1, height - 1);
        int first = Math.max(0, Math.min(model.selected() - rows / 2, visible.size() - rows));
        for (int i = first; i < Math.min(visible.size(), first + rows); i++) {
            Player p = visible.get(i);
            Rates.Rate rate = model.rates().of(p);
            lines.add(new Line(pad(p.name(), 17) + pad(p.route(), 20) + pad(Formats.shortId(p.node()), 9)
                    + pad(Formats.duration(nowMillis - p.connectedAt()), 10) + pad(Formats.rate(rate.in()), 11)
                    + Formats.rate(rate.out()), i == model.selected() && model.mode() != TopModel.Mode.FILTER
                    ? Line.Style.SELECTED : Line.Style.PLAIN));
        }
    }
}
