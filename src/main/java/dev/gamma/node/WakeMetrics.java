package dev.gamma.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;

/** {@code gamma_wake_actions_total{action, result}} and {@code gamma_wake_held_logins}. */
final class WakeMetrics {
    static final String ACTIONS = "gamma.wake.actions";
    static final String HELD = "gamma.wake.held.logins";

    private final MeterRegistry registry;

    WakeMetrics(MeterRegistry registry, IntSupplier held) {
        this.registry = registry;
        Gauge.builder(HELD, held::getAsInt).description("Logins held while their route's server wakes")
                .register(registry);
        for (String action : new String[] {"wake", "sleep"}) {
            for (String result : new String[] {"ok", "failed"}) {
                counter(action, result);
            }
        }
    }

    /** @param action {@code wake} or {@code sleep} */
    void action(String action, boolean ok) {
        counter(action, ok ? "ok" : "failed").increment();
    }

    private Counter counter(String action, String result) {
        return Counter.builder(ACTIONS).description("Wake and sleep actions this node ran")
                .tag("action", action).tag("result", result).register(registry);
    }
}
