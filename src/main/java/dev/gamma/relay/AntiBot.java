package dev.gamma.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anti-bot mode. While new logins across the network come faster than the trigger, a login from an address that is
 * neither trusted nor pending is refused with the configured message and becomes pending; its reconnect within the
 * window passes (once). An address is trusted only when one of its logins reached its backend, so a bot that
 * reconnects but never logs in is asked again next time. Trusted and pending addresses are shared with the other
 * nodes: {@link #takeAdditions} hands out what this node added, {@link #trustedElsewhere} and {@link #pendingElsewhere}
 * take in theirs. The mode switches off once the rate stayed at or below the trigger for the cool-down. Thread-safe.
 */
public final class AntiBot {
    /** Per book, per node: far above the players one network sees within a day. */
    static final int MAX_ADDRESSES = 100_000;
    /** Additions per book handed out at once; more are not shared (this node still knows them). */
    public static final int MAX_ADDITIONS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(AntiBot.class);

    /** See the {@code anti-bot} configuration; {@code trigger} is in logins a second. */
    public record Settings(boolean enabled, double trigger, Duration reconnectWithin, Duration trustFor,
            Duration coolDown, String message) {
        public static final Settings OFF = new Settings(false, 50, Duration.ofSeconds(30), Duration.ofHours(24),
                Duration.ofSeconds(30), "");
    }

    /** Addresses this node trusted and asked to reconnect since it last handed them out. */
    public record Additions(List<String> trusted, List<String> pending) {}

    private final LongSupplier nanoClock;
    private final AddressBook trusted = new AddressBook(MAX_ADDRESSES);
    private final AddressBook pending = new AddressBook(MAX_ADDRESSES);
    private final List<String> newTrusted = new ArrayList<>();
    private final List<String> newPending = new ArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private volatile Settings settings;
    private volatile boolean active;
    /** When the rate was last above the trigger; read and written by {@link #observe} only. */
    private long aboveAt;

    public AntiBot(Settings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    public void update(Settings next) {
        settings = next;
        if (!next.enabled() && active) {
            active = false;
            LOG.info("anti-bot mode off: anti-bot.enabled is false now");
        }
    }

    /** A login greeting came: counted for this node's rate. */
    void loginStarted() {
        logins.incrementAndGet();
    }

    /** Null to let the login of {@code address} go on; else the message it is refused with. */
    public String check(String address) {
        Settings current = settings;
        if (!current.enabled() || !active) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (trusted.contains(address, now) || pending.remove(address, now)) {
            return null;
        }
        if (pending.put(address, now + current.reconnectWithin().toNanos(), now)) {
            add(newPending, address);
        }
        refused.increment();
        return current.message();
    }

    /** A login of {@code address} reached its backend: the address is trusted for {@code trust-for}. */
    public void completed(String address) {
        Settings current = settings;
        if (!current.enabled()) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (trusted.put(address, now + current.trustFor().toNanos(), now)) {
            add(newTrusted, address);
        }
    }

    /** Another node trusted {@code address}. */
    public void trustedElsewhere(String address) {
        Settings current = settings;
        long now = nanoClock.getAsLong();
        trusted.put(address, now + current.trustFor().toNanos(), now);
    }

    /** Another node asked {@code address} to reconnect. */
    public void pendingElsewhere(String address) {
        Settings current = settings;
        long now = nanoClock.getAsLong();
        pending.put(address, now + current.reconnectWithin().toNanos(), now);
    }

    /** What this node added since the last call (at most {@link #MAX_ADDITIONS} of each). */
    public Additions takeAdditions() {
        long now = nanoClock.getAsLong();
        trusted.purge(now, MAX_ADDITIONS);
        pending.purge(now, MAX_ADDITIONS);
        return new Additions(take(newTrusted), take(newPending));
    }

    /** Login greetings this node saw since the last call. */
    public int takeLogins() {
        return logins.getAndSet(0);
    }

    /**
     * The network's rate of new logins (a second) as this node sees it now: switches the mode on past the trigger,
     * off once it stayed at or below it for the cool-down. Called from one thread, about once a second.
     */
    public void observe(double loginsPerSecond) {
        Settings current = settings;
        long now = nanoClock.getAsLong();
        if (!current.enabled()) {
            return;
        }
        if (loginsPerSecond > current.trigger()) {
            aboveAt = now;
            if (!active) {
                active = true;
                LOG.info("anti-bot mode on: {} new logins a second across the network (trigger {}/s); addresses not"
                        + " seen before are asked to reconnect", rate(loginsPerSecond), rate(current.trigger()));
            }
        } else if (active && now - aboveAt >= current.coolDown().toNanos()) {
            active = false;
            LOG.info("anti-bot mode off: {} new logins a second across the network, at or below the trigger {}/s"
                    + " for {} s", rate(loginsPerSecond), rate(current.trigger()), current.coolDown().toSeconds());
        }
    }

    public boolean active() {
        return active;
    }

    /** Logins refused and asked to reconnect, since the start. */
    public long refused() {
        return refused.sum();
    }

    int trustedAddresses() {
        return trusted.size();
    }

    private static void add(List<String> additions, String address) {
        synchronized (additions) {
            if (additions.size() < MAX_ADDITIONS) {
                additions.add(address);
            }
        }
    }

    private static List<String> take(List<String> additions) {
        synchronized (additions) {
            List<String> taken = List.copyOf(additions);
            additions.clear();
            return taken;
        }
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
