package dev.gamma.pipeline;

import dev.gamma.protocol.Printable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a connection's handlers in order over one packet and collects what they decided. One instance per
 * connection, reused for every packet, so handling a packet allocates nothing unless a handler acts.
 */
final class HandlerChain {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerChain.class);

    /** What the handlers made of a packet. */
    enum Verdict { FORWARD, DROP, REPLACE }

    /** A packet a handler asked to send, in the order asked. */
    record Injection(Direction towards, int id, ByteBuffer payload) {}

    private final List<NamedHandler> handlers = new CopyOnWriteArrayList<>();
    private final CallContext context;
    private Verdict verdict;
    private ByteBuffer replacement;
    private List<Injection> injections;
    private String closeReason;

    HandlerChain(List<NamedHandler> initial, PacketPipeline pipeline) {
        handlers.addAll(initial);
        this.context = new CallContext(pipeline, this);
    }

    boolean isEmpty() {
        return handlers.isEmpty();
    }

    void add(NamedHandler handler) {
        handlers.add(handler);
    }

    Verdict run(Packet packet) {
        verdict = Verdict.FORWARD;
        replacement = null;
        injections = null;
        context.direction = packet.direction();
        Packet current = packet;
        for (NamedHandler named : handlers) {
            try {
                named.handler().onPacket(current, context);
            } catch (RuntimeException e) {
                remove(named, e);
            }
            if (verdict == Verdict.DROP) {
                break;
            }
            if (verdict == Verdict.REPLACE && current.payload() != replacement) {
                current = new Packet(current.state(), current.direction(), current.id(), replacement, current.name());
            }
        }
        return verdict;
    }

    ByteBuffer replacement() {
        return replacement;
    }

    List<Injection> injections() {
        return injections == null ? List.of() : injections;
    }

    /** A reason a handler closed the connection with, once; null if none did. */
    String takeCloseReason() {
        String reason = closeReason;
        closeReason = null;
        return reason;
    }

    void notifyEncrypted() {
        forEach(handler -> handler.onEncrypted(context));
    }

    void notifyClosed() {
        forEach(handler -> handler.onClose(context));
    }

    void drop() {
        verdict = Verdict.DROP;
    }

    void replace(ByteBuffer payload) {
        verdict = Verdict.REPLACE;
        replacement = payload.asReadOnlyBuffer();
    }

    void inject(Direction towards, int id, ByteBuffer payload) {
        if (injections == null) {
            injections = new ArrayList<>(2);
        }
        injections.add(new Injection(towards, id, payload.asReadOnlyBuffer()));
    }

    /**
     * Writes {@code injections} out of the side towards which each goes, compressed as that stream now is. Once
     * {@code encrypted} (after the client's Encryption Response) a packet in the clear would corrupt the stream:
     * they are dropped, and the log says so.
     */
    void write(List<Injection> injections, boolean encrypted, Side towardsClient, Side towardsBackend) {
        if (injections.isEmpty()) {
            return;
        }
        if (encrypted) {
            LOG.warn("{} packet(s) handlers injected after the client's Encryption Response on {} were dropped:"
                    + " the connection is encrypted from there on", injections.size(), context.describeConnection());
            return;
        }
        for (Injection injection : injections) {
            (injection.towards() == Direction.CLIENTBOUND ? towardsClient : towardsBackend)
                    .emitPacket(injection.id(), injection.payload());
        }
    }

    void close(String reason) {
        closeReason = reason;
    }

    private void forEach(java.util.function.Consumer<PacketHandler> call) {
        for (NamedHandler named : handlers) {
            try {
                call.accept(named.handler());
            } catch (RuntimeException e) {
                remove(named, e);
            }
        }
    }

    private void remove(NamedHandler named, RuntimeException e) {
        handlers.remove(named);
        // the message may quote packet bytes: escaped on the line, the stack trace in full below it
        LOG.warn("handler {} failed on {} and was removed from this connection: {}",
                Printable.escape(named.name(), 64), context.describeConnection(), Printable.escape(e.toString(), 500));
        LOG.debug("handler {} failure", Printable.escape(named.name(), 64), e);
    }
}
