package dev.gamma.relay;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Why a session ends. Several parties may say (a kick, a packet handler, the login timeout, a fault the relay saw,
 * a timer, the client closing); the first reason offered is the one the session ends with and logs, whatever is
 * offered after it, from whichever thread.
 */
final class SessionEnd {
    /**
     * @param logged false for an end left out of the connection log (one of a flood of closes, counted in the
     *               next line that is logged)
     */
    record Reason(Outcome outcome, String detail, boolean logged) {}

    private final AtomicReference<Reason> reason = new AtomicReference<>();

    /** Offers a reason; true when it is the first, false when the session already has one (which stays). */
    boolean offer(Outcome outcome, String detail) {
        return offer(new Reason(outcome, detail, true));
    }

    boolean offer(Reason offered) {
        return reason.compareAndSet(null, offered);
    }

    /** The first reason offered, or {@code outcome} with no detail when none was. */
    Reason settle(Outcome outcome) {
        offer(outcome, "");
        return reason.get();
    }
}
