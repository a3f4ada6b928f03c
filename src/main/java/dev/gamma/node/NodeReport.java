package dev.gamma.node;

import dev.gamma.relay.AntiBot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a node tells the others every second, under its id in the shared reports table: what its client addresses
 * spent of their per-IP budget, how many logins it saw, and the addresses anti-bot mode trusted or asked to reconnect
 * since its last report. Read back as hostile input: a report of another version or a buggy node is cut to the
 * bounds below, and entries of the wrong shape are left out.
 *
 * @param seq    counts up with every report of the writing node, so each is applied once
 * @param period how long the report covers, in milliseconds
 */
record NodeReport(long seq, long period, int logins, Map<String, Integer> spend, List<String> trusted,
        List<String> pending) {
    static final int MAX_SPENDERS = 2_000;
    /** Far above what one node can accept in a second. */
    static final int MAX_LOGINS = 1_000_000;
    /** A debit past a bucket's size and its polite refusals changes nothing more. */
    static final int MAX_SPEND = 1_000_000;
    /** The keys the per-IP limits count by: an IPv4 address, or an IPv6 /64 such as {@code 2001:db8:1:2::/64}. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:/]{2,45}");

    /** New logins a second on the writing node. */
    double loginsPerSecond() {
        return logins * 1000.0 / Math.max(period, 500);
    }

    JsonObject toJson() {
        JsonObject spent = new JsonObject();
        spend.forEach(spent::put);
        return new JsonObject().put("seq", seq).put("period", period).put("logins", logins).put("spend", spent)
                .put("trusted", new JsonArray(trusted)).put("pending", new JsonArray(pending));
    }

    /** The report in {@code json}, bounded; null when it has no sequence number to apply it once by. */
    static NodeReport read(JsonObject json) {
        if (!(json.getValue("seq") instanceof Number seq) || seq.longValue() < 0) {
            return null;
        }
        long period = json.getValue("period") instanceof Number n ? Math.max(0, Math.min(60_000, n.longValue())) : 0;
        int logins = json.getValue("logins") instanceof Number n ? (int) Math.max(0, Math.min(MAX_LOGINS,
                n.longValue())) : 0;
        return new NodeReport(seq.longValue(), period, logins, spend(json.getValue("spend")),
                addresses(json.getValue("trusted")), addresses(json.getValue("pending")));
    }

    private static Map<String, Integer> spend(Object value) {
        Map<String, Integer> spend = new LinkedHashMap<>();
        if (value instanceof JsonObject spent) {
            for (Map.Entry<String, Object> entry : spent) {
                if (spend.size() >= MAX_SPENDERS) {
                    break;
                }
                if (ADDRESS.matcher(entry.getKey()).matches() && entry.getValue() instanceof Number n
                        && n.doubleValue() >= 1) {
                    spend.put(entry.getKey(), (int) Math.min(MAX_SPEND, n.longValue()));
                }
            }
        }
        return spend;
    }

    private static List<String> addresses(Object value) {
        List<String> addresses = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size() && addresses.size() < AntiBot.MAX_ADDITIONS; i++) {
                if (array.getValue(i) instanceof String address && ADDRESS.matcher(address).matches()) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }
}
