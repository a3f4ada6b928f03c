package dev.gamma.relay;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;

/**
 * A spliced socket as its event loop's epoll sees it: registered once, edge-triggered, for reading, writing and
 * the peer's FIN, so that no chunk costs an epoll change. It is the sending end of one flow and the receiving end
 * of the other.
 */
final class SplicedSocket implements EpollIoHandle {
    /** What a socket is watched for, for as long as it is spliced. */
    static final EpollIoOps INTEREST = EpollIoOps.EPOLLET.with(EpollIoOps.EPOLLIN).with(EpollIoOps.EPOLLOUT)
            .with(EpollIoOps.EPOLLRDHUP);
    /** Not among Netty's constants: both halves are shut, or the connection was reset. Reported whether asked or not. */
    private static final int EPOLLHUP = 0x10;
    private static final int FIN = EpollIoOps.EPOLLRDHUP.value() | EPOLLHUP | EpollIoOps.EPOLLERR.value();
    private static final int WRITABLE = EpollIoOps.EPOLLOUT.value() | EPOLLHUP | EpollIoOps.EPOLLERR.value();
    private static final int READABLE = EpollIoOps.EPOLLIN.value() | FIN;

    private final Splice splice;
    private final FileDescriptor fd;
    private final SpliceFlow sending;
    private final SpliceFlow receiving;

    SplicedSocket(Splice splice, FileDescriptor fd, SpliceFlow sending, SpliceFlow receiving) {
        this.splice = splice;
        this.fd = fd;
        this.sending = sending;
        this.receiving = receiving;
    }

    @Override
    public FileDescriptor fd() {
        return fd;
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        int ops = ((EpollIoEvent) event).ops().value();
        try {
            handle(ops);
        } catch (RuntimeException e) { // a session that cannot go on must still end
            splice.broke(e);
        }
    }

    private void handle(int ops) {
        if ((ops & FIN) != 0) {
            sending.finSeen();
        }
        if ((ops & WRITABLE) != 0) { // a write still waiting learns of an error from its splice
            receiving.writable();
        }
        if ((ops & READABLE) != 0) {
            sending.readable();
        }
    }

    /** The event loop is shutting down with the socket still spliced. */
    @Override
    public void close() {
        splice.closeAll();
    }
}
