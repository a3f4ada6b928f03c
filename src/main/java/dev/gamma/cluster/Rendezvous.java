package dev.gamma.cluster;

import java.nio.charset.StandardCharsets;

/** The score of a node for a key in rendezvous hashing: 64-bit FNV-1a of both, mixed, the same in every JVM. */
final class Rendezvous {
    private Rendezvous() {
    }

    static long score(String nodeId, String key) {
        long hash = 0xcbf29ce484222325L;
        hash = feed(hash, nodeId.getBytes(StandardCharsets.UTF_8));
        hash = feed(hash, new byte[] {0});
        hash = feed(hash, key.getBytes(StandardCharsets.UTF_8));
        // FNV's low bits mix poorly: finish as SplitMix64 does
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }

    private static long feed(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
