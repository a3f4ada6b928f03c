package dev.gamma.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.Future;
import java.nio.channels.NotYetConnectedException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A raw session's bytes moved with splice(2), socket to pipe to socket, both ways, as HAProxy's forced splice does:
 * two system calls per chunk of up to a pipe's worth, and no epoll change. Netty's own {@code spliceTo} makes four
 * per chunk (a wake-up, the read, a second read of nothing, the write) and turns reading off and on around every
 * write the other socket does not take at once.
 * <p>
 * The two sockets are taken off Netty's reading: once what Netty queued for them is written they are deregistered
 * from their event loop and registered again, on the same loop, as {@link SplicedSocket}s. Closing either channel,
 * from anywhere, ends the splice. If the sockets are not both open and quiet by then (a FIN came meanwhile), the
 * channels are registered back and the session goes on as a copying relay.
 */
final class Splice {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

    private final Relay relay;
    private final RelayLeg client;
    private final RelayLeg backend;
    private int deregistered;
    private ScheduledFuture<?> handOverTimer;
    private boolean started;
    private boolean stopped;
    private SpliceFlow up;
    private SpliceFlow down;
    private IoRegistration clientRegistration;
    private IoRegistration backendRegistration;

    private Splice(Relay relay, RelayLeg client, RelayLeg backend) {
        this.relay = relay;
        this.client = client;
        this.backend = backend;
    }

    /** Whether the two sockets can be spliced: both epoll sockets, on one event loop. */
    static boolean possible(Channel a, Channel b) {
        return a instanceof AbstractEpollStreamChannel && b instanceof AbstractEpollStreamChannel
                && a.eventLoop() == b.eventLoop() && a.eventLoop() instanceof IoEventLoop;
    }

    /**
     * Begins handing both sockets over; if that cannot be done the relay hears {@link Relay#spliceAbandoned()}.
     * Reading stops now, as nothing may be read into Netty's buffers that the splice would overtake.
     */
    static Splice start(Relay relay, RelayLeg client, RelayLeg backend) {
        Splice splice = new Splice(relay, client, backend);
        client.channel().config().setAutoRead(false);
        backend.channel().config().setAutoRead(false);
        splice.handOverWhenWritten();
        return splice;
    }

    static Socket socket(RelayLeg leg) {
        return (Socket) ((AbstractEpollStreamChannel) leg.channel()).fd();
    }

    /**
     * Hands over once nothing is queued to write. A socket that takes nothing meanwhile is the copying relay's to
     * judge: after the stall period the splice is given up, and the relay's own stall watch goes on.
     */
    private void handOverWhenWritten() {
        if (stopped) {
            return;
        }
        RelayLeg queued = client.writesPending() > 0 ? client : backend.writesPending() > 0 ? backend : null;
        if (queued != null && queued.channel().isActive()) {
            if (handOverTimer == null) {
                long millis = relay.stalled().toMillis();
                handOverTimer = client.channel().eventLoop().schedule(() -> abandon("bytes queued for the "
                        + queued.side() + " for " + millis + " ms"), millis, TimeUnit.MILLISECONDS);
            }
            queued.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> handOverWhenWritten());
            return;
        }
        if (handOverTimer != null) {
            handOverTimer.cancel(false);
        }
        client.channel().deregister().addListener(done -> deregistered());
        backend.channel().deregister().addListener(done -> deregistered());
    }

    private void deregistered() {
        if (++deregistered < 2 || stopped) {
            return;
        }
        IoEventLoop loop = (IoEventLoop) client.channel().eventLoop();
        if (loop.isShuttingDown()) { // it may have closed what it holds already: nothing would close these
            closeAll();
            return;
        }
        String busy = busy(client) != null ? busy(client) : busy(backend);
        if (busy != null) {
            abandon(busy);
            return;
        }
        try {
            up = new SpliceFlow(this, client, backend);
            down = new SpliceFlow(this, backend, client);
            clientRegistration = registered(loop.register(new SplicedSocket(this, socket(client), up, down)));
            backendRegistration = registered(loop.register(new SplicedSocket(this, socket(backend), down, up)));
        } catch (RuntimeException e) {
            abandon(e.toString());
            return;
        }
        started = true;
        client.channel().closeFuture().addListener(closed -> stop());
        backend.channel().closeFuture().addListener(closed -> stop());
        guarded(() -> {
            clientRegistration.submit(SplicedSocket.INTEREST);
            backendRegistration.submit(SplicedSocket.INTEREST);
            up.readable(); // what arrived during the hand-over raised its edge before anyone watched
            down.readable();
        }).run();
    }

    /** On its own event loop a registration is done at once. */
    private static IoRegistration registered(Future<IoRegistration> registering) {
        if (!registering.isSuccess()) {
            throw new IllegalStateException("registering for epoll failed", registering.cause());
        }
        return registering.getNow();
    }

    /**
     * Why a splice could lose or overtake a byte on this socket (closed, bytes still queued for it, its input
     * ended), or null.
     */
    private static String busy(RelayLeg leg) {
        if (!leg.channel().isOpen()) {
            return leg.side() + " closed";
        }
        if (leg.writesPending() > 0) {
            return "bytes queued for the " + leg.side();
        }
        return leg.inputEnded() ? "the " + leg.side() + " sent its FIN" : null;
    }

    /** Back to Netty: the channels are registered again (if they were taken off) and the relay copies. */
    private void abandon(String why) {
        if (stopped) {
            return;
        }
        LOG.debug("splice not started ({}), relaying by copy", why);
        stop();
        for (RelayLeg leg : new RelayLeg[] {client, backend}) {
            Channel channel = leg.channel();
            if (channel.isOpen() && !channel.isRegistered()) {
                channel.eventLoop().register(channel);
                channel.flush(); // a write queued during the hand-over lost its wait for room
            }
        }
        relay.spliceAbandoned();
    }

    boolean stopped() {
        return stopped;
    }

    /** Bytes read from one side and not yet written to the other. */
    long pending() {
        return started ? up.pending() + down.pending() : 0;
    }

    /** The side bytes wait in a pipe for, or null. */
    String owed() {
        if (!started) {
            return null;
        }
        return down.pending() > 0 ? client.side() : up.pending() > 0 ? backend.side() : null;
    }

    /** Bytes written to either socket so far. */
    long written() {
        return started ? up.written() + down.written() : 0;
    }

    void counted(RelayLeg from, int bytes) {
        relay.count(from, bytes);
    }

    Relay relay() {
        return relay;
    }

    void later(Runnable task) {
        client.channel().eventLoop().execute(guarded(task));
    }

    /** Runs {@code task}; what it throws, no socket explains, and it ends the session all the same. */
    Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                broke(e);
            }
        };
    }

    /** One direction passed its FIN on; once both have, the session is over. */
    void flowEnded() {
        if (up.ended() && down.ended()) {
            closeAll();
        } else {
            relay.closeWhenSilent();
        }
    }

    void failed(RelayLeg side, Exception e) {
        LOG.debug("{} connection failed: {}", side.side(), e.toString());
        relay.failed(side, e instanceof NotYetConnectedException ? "reset" : Relay.reason(e));
        closeAll();
    }

    /** Something no socket explains; the session ends all the same. */
    void broke(RuntimeException e) {
        LOG.warn("splicing failed, ending the session", e);
        relay.closeBoth("splicing failed: " + e);
        closeAll();
    }

    void closeAll() {
        stop();
        client.channel().close();
        backend.channel().close();
    }

    /** No more events and no more pipes; runs once, when either channel closes or the splice ends. */
    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (handOverTimer != null) {
            handOverTimer.cancel(false);
        }
        for (IoRegistration registration : new IoRegistration[] {clientRegistration, backendRegistration}) {
            if (registration != null) {
                registration.cancel();
            }
        }
        for (SpliceFlow flow : new SpliceFlow[] {up, down}) {
            if (flow != null) {
                flow.release();
            }
        }
    }
}
