package dev.gamma.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import dev.gamma.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Records what a node in this JVM logs: every line of the {@code gamma.connection} logger (down to DEBUG,
 * where closed-early connections go) and every warning or error of any logger. {@link #close()} restores
 * the logger's level and detaches.
 */
final class ConnectionLogs implements AutoCloseable {
    private final Logger connection = (Logger) LoggerFactory.getLogger("gamma.connection");
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level previousLevel = connection.getLevel();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final ListAppender<ILoggingEvent> problems = new ListAppender<>();

    ConnectionLogs() {
        lines.start();
        problems.start();
        problems.addFilter(new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                return event.getLevel().isGreaterOrEqual(Level.WARN) ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        });
        connection.setLevel(Level.DEBUG);
        connection.addAppender(lines);
        root.addAppender(problems);
    }

    /** How many connection lines there are so far: pass it to {@link #awaitLine} to look only at newer ones. */
    int mark() {
        synchronized (lines) {
            return lines.list.size();
        }
    }

    /** The first connection line after {@code mark} that matches, waiting up to {@code timeout}. */
    String awaitLine(int mark, Duration timeout, String what, Predicate<String> matching) {
        return Await.value(timeout, what, () -> linesSince(mark).stream().filter(matching).findFirst().orElse(null));
    }

    List<String> linesSince(int mark) {
        synchronized (lines) {
            return lines.list.subList(Math.min(mark, lines.list.size()), lines.list.size()).stream()
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Warnings and errors that carry a stack trace, and every error: what an operator should never see. */
    List<String> stackTracesAndErrors() {
        synchronized (problems) {
            return problems.list.stream()
                    .filter(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()
                                    + ": " + e.getThrowableProxy().getMessage()))
                    .toList();
        }
    }

    @Override
    public void close() {
        connection.detachAppender(lines);
        root.detachAppender(problems);
        connection.setLevel(previousLevel);
    }
}
