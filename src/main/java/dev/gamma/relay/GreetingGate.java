package dev.gamma.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Counts the connections still in their greeting (accepted, not yet relaying or ended), per client address and in
 * total, and refuses one more past {@code limits.max-greeting-per-ip} or {@code limits.max-greeting}: the sockets
 * a silent flood can hold are bounded, whatever the rate it opens them at. The table holds only addresses with a
 * connection in its greeting, so it is bounded by the total.
 */
final class GreetingGate {
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final IntSupplier maxPerAddress;
    private final IntSupplier max;

    GreetingGate(IntSupplier maxPerAddress, IntSupplier max) {
        this.maxPerAddress = maxPerAddress;
        this.max = max;
    }

    /** A place in the greeting for {@code address} (null: counted in the total only), or null when full. */
    Ticket enter(String address) {
        if (total.incrementAndGet() > max.getAsInt()) {
            total.decrementAndGet();
            return null;
        }
        Ticket ticket = new Ticket();
        if (address != null && !ticket.claim(address)) {
            ticket.release();
            return null;
        }
        return ticket;
    }

    int inGreeting() {
        return total.get();
    }

    int max() {
        return max.getAsInt();
    }

    int addresses() {
        return perAddress.size();
    }

    /** One connection's place; released once, when it starts relaying or ends. */
    final class Ticket {
        private String address;
        private boolean released;

        /** Counts this connection under {@code address} too (once its PROXY header said who it is). */
        boolean claim(String claimed) {
            int limit = maxPerAddress.getAsInt();
            boolean[] admitted = {false};
            perAddress.compute(claimed, (key, count) -> {
                AtomicInteger next = count == null ? new AtomicInteger() : count;
                if (next.get() < limit) {
                    next.incrementAndGet();
                    admitted[0] = true;
                }
                return next.get() == 0 ? null : next;
            });
            if (admitted[0]) {
                address = claimed;
            }
            return admitted[0];
        }

        void release() {
            if (released) {
                return;
            }
            released = true;
            total.decrementAndGet();
            if (address != null) {
                perAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
            }
        }
    }
}
