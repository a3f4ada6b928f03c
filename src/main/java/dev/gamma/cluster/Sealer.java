package dev.gamma.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of every value Gamma puts in a cluster structure: AES-256-GCM, with the map's name and
 * the entry's key as associated data, so a value opens only where it was written.
 *
 * <p>Layout: {@code version(1) keyId(4) writer(16) nonce(12) ciphertext tag(16)}. Each node process picks a random
 * {@code writer} salt and seals with its own key, derived from the secret's seal root and that salt, and a counter
 * as nonce: a nonce never repeats under one key, however many values the fleet seals over its lifetime (random
 * nonces under one fleet-wide key would reach GCM's bound of 2^32 values within weeks of a busy network's player
 * updates). The header is associated data too.
 */
final class Sealer {
    static final byte VERSION = 1;
    static final int WRITER_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int HEADER_BYTES = 1 + 4 + WRITER_BYTES + NONCE_BYTES;
    static final int TAG_BITS = 128;
    private static final int OPEN_KEYS_KEPT = 64;

    /** Why a value did not open; the message is safe to log. */
    static final class Unsealable extends Exception {
        Unsealable(String why) {
            super(why, null, false, false);
        }
    }

    private final Keyring keyring;
    private final byte[] writer = new byte[WRITER_BYTES];
    private final AtomicLong counter = new AtomicLong();
    private final Map<Keyring.Key, SecretKeySpec> ownKeys = new java.util.concurrent.ConcurrentHashMap<>();
    // keys of other writers that opened a value; bounded, as the writers of a fleet are few
    private final Map<String, SecretKeySpec> openKeys = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKeySpec> eldest) {
            return size() > OPEN_KEYS_KEPT;
        }
    };
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(Sealer::newCipher);

    Sealer(Keyring keyring, SecureRandom random) {
        this.keyring = keyring;
        random.nextBytes(writer);
    }

    Keyring keyring() {
        return keyring;
    }

    /** Seals {@code plain} for the entry {@code key} of {@code map}, with the keyring's sealing key. */
    byte[] seal(String map, String key, byte[] plain) {
        Keyring.Key secret = keyring.sealing();
        byte[] out = new byte[HEADER_BYTES + plain.length + TAG_BITS / 8];
        ByteBuffer header = ByteBuffer.wrap(out);
        header.put(VERSION).putInt(secret.id()).put(writer).putInt(0).putLong(counter.incrementAndGet());
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, ownKeys.computeIfAbsent(secret, this::deriveOwn),
                    new GCMParameterSpec(TAG_BITS, out, 1 + 4 + WRITER_BYTES, NONCE_BYTES));
            cipher.updateAAD(out, 0, HEADER_BYTES);
            cipher.updateAAD(place(map, key));
            cipher.doFinal(plain, 0, plain.length, out, HEADER_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal", e);
        }
    }

    /** The plain bytes, if {@code sealed} was sealed for this entry by a node that has one of our secrets. */
    byte[] open(String map, String key, byte[] sealed) throws Unsealable {
        if (sealed.length < HEADER_BYTES + TAG_BITS / 8) {
            throw new Unsealable("too short to be sealed (" + sealed.length + " bytes)");
        }
        if (sealed[0] != VERSION) {
            throw new Unsealable("not sealed by Gamma (format " + (sealed[0] & 0xFF) + ")");
        }
        int id = keyId(sealed);
        Keyring.Key secret = keyring.byId(id);
        if (secret == null) {
            throw new Unsealable("sealed with a secret this node does not have (key " + Integer.toHexString(id)
                    + "): is cluster.secret the same on every node?");
        }
        SecretKeySpec writerKey = openKey(secret, sealed);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, writerKey,
                    new GCMParameterSpec(TAG_BITS, sealed, 1 + 4 + WRITER_BYTES, NONCE_BYTES));
            cipher.updateAAD(sealed, 0, HEADER_BYTES);
            cipher.updateAAD(place(map, key));
            byte[] plain = cipher.doFinal(sealed, HEADER_BYTES, sealed.length - HEADER_BYTES);
            remember(secret, sealed, writerKey);
            return plain;
        } catch (AEADBadTagException e) {
            throw new Unsealable("does not authenticate: forged, altered or moved from another entry");
        } catch (GeneralSecurityException e) {
            throw new Unsealable("cannot be opened: " + e.getMessage());
        }
    }

    /** The id of the secret that sealed {@code sealed} (which must be at least a header long). */
    static int keyId(byte[] sealed) {
        return ByteBuffer.wrap(sealed, 1, 4).getInt();
    }

    private SecretKeySpec deriveOwn(Keyring.Key secret) {
        return derive(secret, writer);
    }

    private SecretKeySpec openKey(Keyring.Key secret, byte[] sealed) {
        if (java.util.Arrays.equals(sealed, 5, 5 + WRITER_BYTES, writer, 0, WRITER_BYTES)) {
            return ownKeys.computeIfAbsent(secret, this::deriveOwn);
        }
        String name = cacheName(secret, sealed);
        synchronized (openKeys) {
            SecretKeySpec known = openKeys.get(name);
            if (known != null) {
                return known;
            }
        }
        byte[] salt = new byte[WRITER_BYTES];
        System.arraycopy(sealed, 5, salt, 0, WRITER_BYTES);
        return derive(secret, salt);
    }

    /** Only keys that opened a value are kept, so forged values cannot fill the cache. */
    private void remember(Keyring.Key secret, byte[] sealed, SecretKeySpec writerKey) {
        synchronized (openKeys) {
            openKeys.putIfAbsent(cacheName(secret, sealed), writerKey);
        }
    }

    private static String cacheName(Keyring.Key secret, byte[] sealed) {
        return secret.id() + "/" + java.util.HexFormat.of().formatHex(sealed, 5, 5 + WRITER_BYTES);
    }

    private static SecretKeySpec derive(Keyring.Key secret, byte[] writerSalt) {
        byte[] info = new byte[5 + writerSalt.length];
        System.arraycopy("seal/".getBytes(StandardCharsets.US_ASCII), 0, info, 0, 5);
        System.arraycopy(writerSalt, 0, info, 5, writerSalt.length);
        return new SecretKeySpec(Keyring.expand(secret.sealRoot(), info, 32), "AES");
    }

    /** The entry's address, unambiguous: map name and key, each length-prefixed. */
    private static byte[] place(String map, String key) {
        byte[] m = map.getBytes(StandardCharsets.UTF_8);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + m.length + k.length).putInt(m.length).put(m).putInt(k.length).put(k).array();
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }
}
