package dev.gamma.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gamma.protocol.Frames;
import dev.gamma.protocol.StatusPackets;
import dev.gamma.protocol.WireReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One kind of bad input for a running node: what the client does, what it must get back before the node
 * hangs up, and the connection log line (outcome label, route, detail) and counter that must record it.
 *
 * @param detail part of the log line's detail; {@code {peer}} stands for the client's own address
 * @param seenAs the client address the log line names; null for the TCP peer's own address
 */
record MalformedShape(String name, Listener listener, Exchange exchange, Answer answer, String outcome, String route,
        String detail, String seenAs) {

    /** Which listener the client talks to, and from where. */
    enum Listener {
        /** A listener without proxy-protocol; the client connects from its own address. */
        PLAIN,
        /** A listener that takes PROXY headers; the client connects from a trusted load balancer's address. */
        PROXY_TRUSTED,
        /** The same listener; the client connects from an address outside proxy-protocol.trusted. */
        PROXY_UNTRUSTED
    }

    /** What the client sends (and, for some shapes, reads) before it waits for the node to hang up. */
    interface Exchange {
        void run(RawClient client) throws Exception;
    }

    /** A check of every byte the client received until the node closed the connection. */
    interface Answer {
        void check(byte[] received);
    }

    static MalformedShape shape(String name, Exchange exchange) {
        return new MalformedShape(name, Listener.PLAIN, exchange, nothing(), null, "-", "", null);
    }

    MalformedShape answers(Answer expected) {
        return new MalformedShape(name, listener, exchange, expected, outcome, route, detail, seenAs);
    }

    /** The outcome label of the log line and of {@code gamma_connections_total}, and a part of the detail. */
    MalformedShape logs(String label, String detailPart) {
        return new MalformedShape(name, listener, exchange, answer, label, route, detailPart, seenAs);
    }

    MalformedShape on(Listener other) {
        return new MalformedShape(name, other, exchange, answer, outcome, route, detail, seenAs);
    }

    MalformedShape route(String routeName) {
        return new MalformedShape(name, listener, exchange, answer, outcome, routeName, detail, seenAs);
    }

    MalformedShape seenAs(String address) {
        return new MalformedShape(name, listener, exchange, answer, outcome, route, detail, address);
    }

    @Override
    public String toString() {
        return name;
    }

    static Exchange sends(byte[]... parts) {
        byte[] all = RawClient.concat(parts);
        return client -> client.send(all);
    }

    /** Sends, then FIN: the client gives up before saying enough. */
    static Exchange sendsThenHangsUp(byte[]... parts) {
        Exchange send = sends(parts);
        return client -> {
            send.run(client);
            client.halfClose();
        };
    }

    /** One byte every {@code millis}, from a thread of its own, until the node hangs up or the bytes run out. */
    static Exchange drips(byte[] bytes, long millis) {
        return client -> {
            Thread dripper = new Thread(() -> {
                try {
                    for (byte b : bytes) {
                        client.send(new byte[] {b});
                        Thread.sleep(millis);
                    }
                } catch (IOException | InterruptedException hungUp) {
                    // the node closed the connection: what this shape is waiting for
                }
            }, "slowloris");
            dripper.setDaemon(true);
            dripper.start();
        };
    }

    static Answer nothing() {
        return received -> assertThat(received).as("closed without an answer").isEmpty();
    }

    /** A Login Disconnect whose reason contains {@code reason}, and nothing after it. */
    static Answer loginDisconnect(String reason) {
        return received -> {
            List<ByteBuffer> frames = frames(received);
            assertThat(frames).as("one Login Disconnect").hasSize(1);
            WireReader reader = new WireReader(frames.get(0));
            assertThat(reader.readVarInt()).as("Login Disconnect id").isEqualTo(0x00);
            assertThat(reader.readString(262_144)).contains(reason);
        };
    }

    /** A Status Response containing {@code text}, then the pong for {@code ping} when it is not null. */
    static Answer status(String text, Long ping) {
        return received -> {
            List<ByteBuffer> frames = frames(received);
            assertThat(frames).as("status response%s", ping == null ? "" : " and pong").hasSize(ping == null ? 1 : 2);
            assertThat(StatusPackets.readResponse(frames.get(0))).contains(text);
            if (ping != null) {
                assertThat(StatusPackets.readPing(frames.get(1))).isEqualTo(ping);
            }
        };
    }

    static Answer pong(long ping) {
        return received -> {
            List<ByteBuffer> frames = frames(received);
            assertThat(frames).as("only the pong").hasSize(1);
            assertThat(StatusPackets.readPing(frames.get(0))).isEqualTo(ping);
        };
    }

    /** The {@code FF} kick packet old clients read as a server-list entry, containing {@code text}. */
    static Answer legacyReply(String text) {
        return received -> {
            assertThat(received.length).as("legacy reply").isGreaterThan(3);
            assertThat(received[0] & 0xFF).isEqualTo(0xFF);
            int units = ByteBuffer.wrap(received, 1, 2).getShort();
            assertThat(received).hasSize(3 + units * 2);
            assertThat(new String(received, 3, units * 2, StandardCharsets.UTF_16BE)).contains(text);
        };
    }

    /** Exactly one frame, with packet id {@code id} (say, a backend's Set Compression relayed before the end). */
    static Answer onlyFrame(int id) {
        return received -> {
            List<ByteBuffer> frames = frames(received);
            assertThat(frames).as("one frame").hasSize(1);
            assertThat(new WireReader(frames.get(0)).readVarInt()).isEqualTo(id);
        };
    }

    /** Whole frames, and no bytes left over. */
    static List<ByteBuffer> frames(byte[] received) {
        ByteBuffer input = ByteBuffer.wrap(received);
        List<ByteBuffer> frames = new ArrayList<>();
        for (ByteBuffer body; (body = Frames.next(input, Frames.MAX_FRAME_LENGTH)) != null; ) {
            frames.add(body);
        }
        assertThat(input.remaining()).as("bytes after the last whole frame").isZero();
        return frames;
    }
}
