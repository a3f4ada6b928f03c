package dev.gamma.node;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Standard output for log lines, written in batches by a thread of its own. A thread that logs (an event loop, for
 * the connection log) only queues the line: no wake-up, no write, never a wait on a slow stdout (a terminal, a pipe,
 * docker logs). The writer takes what has queued every few milliseconds and writes it with one system call.
 * Logback's AsyncAppender woke its thread and wrote once per line, which cost each login a context switch and a
 * write(2). A full queue drops lines, and the writer says how many.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final int OUTPUT_BUFFER = 64 * 1024;

    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private long batchMillis = 10;
    private OutputStream output = new FileOutputStream(FileDescriptor.out);
    private ArrayBlockingQueue<ILoggingEvent> queue;
    private final AtomicBoolean idle = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** Lines that may wait for the writer; more are dropped (and counted). */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** How long the writer gathers lines while lines keep coming. */
    public void setBatchMillis(long batchMillis) {
        this.batchMillis = batchMillis;
    }

    /** Where the lines go instead of standard output (for tests). */
    void setOutput(OutputStream output) {
        this.output = output;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + name);
            return;
        }
        if (queueSize < 1 || batchMillis < 1) {
            addError("queueSize and batchMillis must be positive for appender " + name);
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        running = true;
        writer = new Thread(this::writeLoop, "gamma-log-writer");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
        if (idle.get() && idle.compareAndSet(true, false)) {
            LockSupport.unpark(writer); // the first line after a quiet spell: lines that follow wait for the batch
        }
    }

    private void writeLoop() {
        List<ILoggingEvent> batch = new ArrayList<>();
        OutputStream out = new BufferedOutputStream(output, OUTPUT_BUFFER); // never closed: it is standard output
        try {
            while (running) {
                if (queue.drainTo(batch) == 0 && dropped.get() == 0) {
                    idle.set(true);
                    if (queue.isEmpty()) {
                        LockSupport.park(this);
                    }
                    idle.set(false);
                    continue;
                }
                write(batch, out);
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(batchMillis));
            }
            queue.drainTo(batch);
            write(batch, out);
        } catch (IOException e) {
            addError("writing log lines failed", e);
        }
    }

    private void write(List<ILoggingEvent> batch, OutputStream out) throws IOException {
        for (ILoggingEvent event : batch) {
            out.write(encoder.encode(event));
        }
        batch.clear();
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            out.write((lost + " log lines dropped: more came than the log could take\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
