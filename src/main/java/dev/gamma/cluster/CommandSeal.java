package dev.gamma.cluster;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;

/**
 * Authenticates event-bus commands between nodes. A command travels in an envelope
 * {@code {v, from, at, nonce, key, body, mac}}: the body as JSON text, and an HMAC-SHA256 (with the key of one of
 * the cluster secrets) over the address, sender, time, nonce and body. A receiver refuses a wrong MAC, a time more
 * than {@link #WINDOW_MILLIS} from its own clock, and a nonce it has seen within that window (a replay). A reply is
 * sealed the same way and bound to its request's nonce, so no reply can be forged or moved to another request; so is
 * a failure, bound to its code as well, so that no refusal can be forged or made into another one either.
 */
public final class CommandSeal {
    /** How far a command's time may be from the receiver's clock: nodes' clocks must agree this well (NTP). */
    static final long WINDOW_MILLIS = 30_000;
    private static final int VERSION = 1;
    private static final int MAX_REMEMBERED = 100_000;
    private static final String SOURCE = "the event bus";

    /** A command or reply that was refused; the message says why and is safe to log and to answer. */
    static final class Rejected extends Exception {
        Rejected(String why) {
            super(why, null, false, false);
        }
    }

    private final Keyring keyring;
    private final String selfId;
    private final LongSupplier clock;
    private final ClusterRejections rejections;
    private final SecureRandom random = new SecureRandom();
    // nonces of accepted commands, until they are too old to be accepted anyway
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private volatile long nextPurge;

    CommandSeal(Keyring keyring, String selfId, LongSupplier clock, ClusterRejections rejections) {
        this.keyring = keyring;
        this.selfId = selfId;
        this.clock = clock;
        this.rejections = rejections;
    }

    /** The envelope that carries {@code body} to {@code address}. */
    JsonObject wrap(String address, JsonObject body) {
        return envelope(address, body);
    }

    /** The command's body, if the envelope is genuine, fresh and new; otherwise counted, logged and thrown. */
    JsonObject unwrap(String address, Object envelope) throws Rejected {
        JsonObject body = check(ClusterRejections.Kind.COMMAND, address, envelope);
        JsonObject json = (JsonObject) envelope;
        long now = clock.getAsLong();
        long at = json.getLong("at");
        if (Math.abs(now - at) > WINDOW_MILLIS) {
            throw refuse(ClusterRejections.Kind.COMMAND, json, "sent at " + at + ", " + (now - at)
                    + " ms from this node's clock (more than " + WINDOW_MILLIS + " ms: a replay, or clocks apart)");
        }
        forgetOld(now);
        if (seen.size() >= MAX_REMEMBERED) {
            throw refuse(ClusterRejections.Kind.COMMAND, json, "too many commands in the last minute");
        }
        if (seen.putIfAbsent(json.getString("nonce"), at) != null) {
            throw refuse(ClusterRejections.Kind.COMMAND, json, "a replay of a command already carried out");
        }
        return body;
    }

    /** The envelope of the reply to the command that came in {@code request}. */
    JsonObject wrapReply(JsonObject request, JsonObject reply) {
        return envelope(replyAddress(request.getString("nonce")), reply);
    }

    /** The reply's body, if it is genuine and answers {@code request} (an envelope from {@link #wrap}). */
    JsonObject unwrapReply(JsonObject request, Object reply) throws Rejected {
        return check(ClusterRejections.Kind.REPLY, replyAddress(request.getString("nonce")), reply);
    }

    /** The envelope of the failure, {@code code} and {@code why}, that answers the command in {@code request}. */
    JsonObject wrapFailure(JsonObject request, int code, String why) {
        return envelope(failureAddress(request.getString("nonce"), code), new JsonObject().put("why", why));
    }

    /**
     * Why the command in {@code request} failed with {@code code}, if {@code failure} (the failure's text) is a
     * genuine envelope from {@link #wrapFailure} for that request and that code.
     */
    String unwrapFailure(JsonObject request, int code, String failure) throws Rejected {
        Object envelope;
        try {
            envelope = new JsonObject(failure == null ? "" : failure);
        } catch (RuntimeException e) {
            envelope = failure;
        }
        Object why = check(ClusterRejections.Kind.REPLY, failureAddress(request.getString("nonce"), code), envelope)
                .getValue("why");
        return why instanceof String text ? text : "";
    }

    private JsonObject envelope(String address, JsonObject body) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Keyring.Key key = keyring.sealing();
        JsonObject envelope = new JsonObject().put("v", VERSION).put("from", selfId).put("at", clock.getAsLong())
                .put("nonce", Base64.getEncoder().encodeToString(nonce)).put("key", key.id())
                .put("body", body.encode());
        return envelope.put("mac", Base64.getEncoder().encodeToString(mac(key, address, envelope)));
    }

    private JsonObject check(ClusterRejections.Kind kind, String address, Object message) throws Rejected {
        if (!(message instanceof JsonObject envelope)) {
            throw refuse(kind, null, "not a Gamma command envelope");
        }
        Keyring.Key key;
        byte[] mac;
        try {
            if (envelope.getInteger("v", 0) != VERSION || envelope.getString("from") == null
                    || envelope.getLong("at") == null || envelope.getString("nonce") == null
                    || envelope.getString("body") == null) {
                throw refuse(kind, envelope, "not a Gamma command envelope");
            }
            key = keyring.byId(envelope.getInteger("key", 0));
            mac = Base64.getDecoder().decode(envelope.getString("mac", ""));
        } catch (ClassCastException | IllegalArgumentException e) {
            throw refuse(kind, envelope, "not a Gamma command envelope");
        }
        if (key == null) {
            throw refuse(kind, envelope, "signed with a secret this node does not have");
        }
        if (!MessageDigest.isEqual(mac, mac(key, address, envelope))) {
            throw refuse(kind, envelope, "its MAC is wrong: forged, altered or sent to another address");
        }
        try {
            return new JsonObject(envelope.getString("body"));
        } catch (RuntimeException e) {
            throw refuse(kind, envelope, "its body is not JSON");
        }
    }

    private Rejected refuse(ClusterRejections.Kind kind, JsonObject envelope, String why) {
        Object from = envelope == null ? null : envelope.getValue("from");
        rejections.reject(kind, SOURCE, "a " + kind.label() + (from == null ? "" : " claiming to be from " + from),
                why);
        return new Rejected(why);
    }

    private static byte[] mac(Keyring.Key key, String address, JsonObject envelope) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.mac());
            String signed = String.join("\0", "gamma-command-v" + VERSION, address, envelope.getString("from"),
                    String.valueOf(envelope.getLong("at")), envelope.getString("nonce"),
                    String.valueOf(envelope.getInteger("key")), envelope.getString("body"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Drops nonces too old to be accepted anyway; at most once a second, so a command costs O(1). */
    private void forgetOld(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + 1_000;
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (now - it.next() > 2 * WINDOW_MILLIS) {
                it.remove();
            }
        }
    }

    private static String replyAddress(String nonce) {
        return "reply to " + nonce;
    }

    private static String failureAddress(String nonce, int code) {
        return "failure " + code + " of " + nonce;
    }
}
