package dev.gamma.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything an in-process node logs (at the levels the log shows) while this is open. */
public final class LogLines implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public LogLines() {
        appender.start();
        root.addAppender(appender);
    }

    /** The {@code gamma.connection} lines of one player, by user name. */
    public List<String> connections(String user) {
        return events().stream()
                .filter(e -> e.getLoggerName().equals("gamma.connection"))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(" user=" + user + " "))
                .toList();
    }

    /** Every {@code gamma.connection} line. */
    List<String> connections() {
        return events().stream()
                .filter(e -> e.getLoggerName().equals("gamma.connection"))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Every line of {@code logger}, formatted. */
    public List<String> of(String logger) {
        return events().stream()
                .filter(e -> e.getLoggerName().equals(logger))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Lines that carry a stack trace, as "logger: message". */
    List<String> withStackTraces() {
        return events().stream()
                .filter(e -> e.getThrowableProxy() != null)
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
                .toList();
    }

    private List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase appends under this lock
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
