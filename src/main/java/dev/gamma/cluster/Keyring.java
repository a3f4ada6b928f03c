package dev.gamma.cluster;

import dev.gamma.config.ClusterSecrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys derived from the cluster secrets, salted with the cluster's name: each secret is first stretched with
 * PBKDF2-HMAC-SHA256 ({@value #STRETCH} rounds, so that guessing a weak secret from a key id or a sealed value is
 * slow), then expanded with HKDF-SHA256 (RFC 5869) into an id (which secret sealed a value, without revealing it),
 * a root for sealing keys and a MAC key for commands. The first secret is the newest; which one this node seals
 * with is {@link #sealing()}, chosen by {@link SealingKeyChoice} so that every member can open what it writes.
 */
final class Keyring {
    private static final String SALT = "gamma-crosstalk-v1/";
    static final int STRETCH = 200_000;
    // a stretch takes a fraction of a second by design: done once per secret and cluster name in a process
    private static final Map<String, byte[]> STRETCHED = new ConcurrentHashMap<>();

    /** One secret's keys. {@code id} is a fingerprint, never used as key material. */
    record Key(int id, byte[] sealRoot, SecretKeySpec mac) {
        String hexId() {
            return HexFormat.of().toHexDigits(id);
        }
    }

    private final List<Key> keys;
    private volatile Key sealing;

    Keyring(ClusterSecrets secrets, String clusterName) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a clustered node needs cluster.secret");
        }
        List<Key> derived = new ArrayList<>();
        byte[] salt = (SALT + clusterName).getBytes(StandardCharsets.UTF_8);
        for (String secret : secrets.values()) {
            byte[] prk = extract(salt, stretch(secret, salt));
            int id = ByteBuffer.wrap(expand(prk, "key id", 4)).getInt();
            derived.add(new Key(id, expand(prk, "seal", 32), new SecretKeySpec(expand(prk, "command mac", 32),
                    "HmacSHA256")));
        }
        this.keys = List.copyOf(derived);
        this.sealing = keys.get(0);
    }

    /** Every key this node opens with, newest first. */
    List<Key> keys() {
        return keys;
    }

    /** The key with this id, or null: a value sealed by a secret this node does not have. */
    Key byId(int id) {
        for (Key key : keys) {
            if (key.id() == id) {
                return key;
            }
        }
        return null;
    }

    Key sealing() {
        return sealing;
    }

    /** Seals from now on with {@code key}, one of {@link #keys()}. */
    void sealWith(Key key) {
        if (!keys.contains(key)) {
            throw new IllegalArgumentException("not a key of this keyring");
        }
        sealing = key;
    }

    private static byte[] stretch(String secret, byte[] salt) {
        if (STRETCHED.size() > 64) {
            STRETCHED.clear();
        }
        String memo = HexFormat.of().formatHex(hmac(salt, secret.getBytes(StandardCharsets.UTF_8)));
        return STRETCHED.computeIfAbsent(memo, m -> {
            try {
                PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, STRETCH, 256);
                try {
                    return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                } finally {
                    spec.clearPassword();
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
            }
        });
    }

    /** HKDF-Extract: a pseudo-random key from the input keying material. */
    static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt, ikm);
    }

    /** HKDF-Expand of {@code length} bytes (at most 255 × 32) for {@code info}. */
    static byte[] expand(byte[] prk, String info, int length) {
        return expand(prk, info.getBytes(StandardCharsets.UTF_8), length);
    }

    static byte[] expand(byte[] prk, byte[] info, int length) {
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int done = 0;
        for (int counter = 1; done < length; counter++) {
            ByteBuffer input = ByteBuffer.allocate(block.length + info.length + 1);
            input.put(block).put(info).put((byte) counter);
            block = hmac(prk, input.array());
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
