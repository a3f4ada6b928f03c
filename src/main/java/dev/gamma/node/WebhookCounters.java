package dev.gamma.node;

import io.micrometer.core.instrument.Counter;

/** What became of webhook events: each post's result, and the events dropped, full queue or undelivered. */
record WebhookCounters(Counter delivered, Counter failed, Counter droppedFull, Counter droppedUndelivered) {}
