package dev.gamma.relay;

import dev.gamma.route.ClientAddresses;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Addresses ({@link ClientAddresses#key}) each until a time, bounded: past {@code max} the address written longest
 * ago is forgotten first. Thread-safe; every call is a map operation under one lock.
 */
final class AddressBook {
    private final int max;
    private final Map<String, Long> until;

    AddressBook(int max) {
        this.max = max;
        this.until = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > AddressBook.this.max;
            }
        };
    }

    /** Writes {@code address} until {@code expires} (as the newest); true when it was not in the book before. */
    synchronized boolean put(String address, long expires, long now) {
        Long before = until.remove(address);
        until.put(address, expires);
        return before == null || before <= now;
    }

    synchronized boolean contains(String address, long now) {
        Long expires = until.get(address);
        if (expires != null && expires <= now) {
            until.remove(address);
            return false;
        }
        return expires != null;
    }

    /** Takes {@code address} out; true when it was there and not expired. */
    synchronized boolean remove(String address, long now) {
        Long expires = until.remove(address);
        return expires != null && expires > now;
    }

    /** Forgets expired addresses among the oldest written, so a quiet book shrinks (bounded work per call). */
    synchronized void purge(long now, int atMost) {
        Iterator<Long> oldest = until.values().iterator();
        for (int i = 0; i < atMost && oldest.hasNext(); i++) {
            if (oldest.next() <= now) {
                oldest.remove();
            }
        }
    }

    synchronized int size() {
        return until.size();
    }
}
