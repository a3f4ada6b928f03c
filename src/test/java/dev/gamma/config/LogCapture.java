package dev.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** What {@link ConfigLoader} logs, for tests; {@link #close()} detaches it. */
final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);

    LogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Formatted messages logged at {@code level} or above. */
    List<String> messages(Level level) {
        return List.copyOf(appender.list).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(level))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Waits (up to 10 s) until a message at {@code level} or above matches. */
    void await(Level level, Predicate<String> message) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (messages(level).stream().noneMatch(message)) {
            assertThat(System.nanoTime()).as("waiting for a %s log", level).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
