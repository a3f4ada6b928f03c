package dev.gamma.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.gamma.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchingConsoleAppenderTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final RecordingOutput output = new RecordingOutput();
    private BatchingConsoleAppender appender;

    @AfterEach
    void stop() {
        output.release.countDown();
        appender.stop();
    }

    @Test
    void linesFromManyThreadsAllArriveInOrderInAFewWrites() throws Exception {
        start(8192, 60_000); // a batch gathers until the appender stops, whatever the machine's speed
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String name = "t" + t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    log(name + "-" + i);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        appender.stop();

        List<String> lines = output.text().lines().toList();
        assertThat(lines).hasSize(2000);
        for (int t = 0; t < 4; t++) {
            String prefix = "t" + t + "-";
            assertThat(lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())))
                    .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(String::valueOf).toList());
        }
        // the first line wakes the writer; the others wait for the batch: not one write per line
        assertThat(output.writes.get()).isBetween(1, 5);
    }

    @Test
    void aLineAfterAQuietSpellIsWrittenWithoutWaitingForMore() {
        start(8192, 10);
        log("first");
        Await.until(Duration.ofSeconds(10), "the first line", () -> output.text().contains("first"));
        log("second");
        Await.until(Duration.ofSeconds(10), "the second line", () -> output.text().contains("second"));
    }

    @Test
    void aFullQueueDropsLinesWithoutBlockingTheLoggerAndSaysHowMany() throws Exception {
        output.blockWrites();
        start(10, 10);
        log("line 0");
        assertThat(output.writing.await(10, TimeUnit.SECONDS)).as("the writer is stuck on a slow stdout").isTrue();
        for (int i = 1; i <= 30; i++) {
            log("line " + i); // returns at once: a logging event loop never waits on stdout
        }
        output.release.countDown();
        appender.stop();

        List<String> lines = output.text().lines().toList();
        assertThat(lines).startsWith("line 0", "line 1").contains("line 10").doesNotContain("line 11", "line 30");
        assertThat(lines).last().isEqualTo("20 log lines dropped: more came than the log could take");
    }

    private void start(int queueSize, long batchMillis) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setQueueSize(queueSize);
        appender.setBatchMillis(batchMillis);
        appender.setOutput(output);
        appender.start();
        assertThat(appender.isStarted()).isTrue();
    }

    private void log(String message) {
        appender.doAppend(new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.INFO, message,
                null, null));
    }

    /** Standard output as a test sees it: what was written, in how many writes, and a stdout that can stall. */
    private static final class RecordingOutput extends OutputStream {
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean blocking;

        void blockWrites() {
            blocking = true;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writing.countDown();
            if (blocking) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            writes.incrementAndGet();
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
