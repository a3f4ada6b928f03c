package dev.gamma.route;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A route's {@code access} key in the route's JSON form: written only when the route has a list. */
public final class AccessJson {
    private AccessJson() {}

    public static JsonObject encode(AccessList access) {
        return new JsonObject()
                .put("allow", new JsonArray(access.allow().entries()))
                .put("deny", new JsonArray(access.deny().entries()));
    }

    /** {@code {allow, deny}} from an API body; throws {@link IllegalArgumentException} naming what is wrong. */
    public static AccessList decode(JsonObject json) {
        return decode(new JsonFields(json, ""));
    }

    /** {@link AccessList#OPEN} for an absent key; throws {@link IllegalArgumentException} naming what is wrong. */
    static AccessList decode(JsonFields f) {
        if (f == null) {
            return AccessList.OPEN;
        }
        List<String> allow = entries(f, "allow");
        List<String> deny = entries(f, "deny");
        f.finish();
        return AccessList.of(allow, deny);
    }

    private static List<String> entries(JsonFields f, String key) {
        int[] count = {0};
        List<String> entries = f.list(key, entry -> {
            if (++count[0] > AccessList.MAX_ENTRIES) {
                throw new IllegalArgumentException("a list holds at most " + AccessList.MAX_ENTRIES + " entries");
            }
            AddressRanges.parse(List.of(entry));
            return entry.strip();
        });
        return entries == null ? List.of() : entries;
    }
}
