package dev.gamma.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Names the other protocols that land on a Minecraft port (scanners, browsers, a load balancer sending PROXY
 * headers to a listener that does not expect them), so a refusal says what the client was speaking.
 */
public final class ForeignGreeting {
    private record Signature(byte[] start, String description) {
        boolean matches(ByteBuffer buf) {
            int at = buf.position();
            if (buf.limit() - at < start.length) {
                return false;
            }
            for (int i = 0; i < start.length; i++) {
                if (buf.get(at + i) != start[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final String HTTP = "an HTTP request";
    private static final List<Signature> SIGNATURES = List.of(
            ascii("GET ", HTTP), ascii("HEAD ", HTTP), ascii("POST ", HTTP), ascii("PUT ", HTTP),
            ascii("DELETE ", HTTP), ascii("OPTIONS ", HTTP), ascii("CONNECT ", "an HTTP proxy request"),
            ascii("PRI * HTTP/2", "an HTTP/2 request"),
            new Signature(new byte[] {0x16, 0x03}, "a TLS ClientHello"),
            ascii("SSH-", "an SSH client"),
            ascii("PROXY ", "a PROXY protocol v1 header where none is expected"),
            new Signature(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A},
                    "a PROXY protocol v2 header where none is expected"));

    private ForeignGreeting() {}

    /** What the bytes from {@code buf}'s position on look like, if they start like a known other protocol. */
    public static Optional<String> describe(ByteBuffer buf) {
        return SIGNATURES.stream().filter(s -> s.matches(buf)).map(Signature::description).findFirst();
    }

    private static Signature ascii(String start, String description) {
        return new Signature(start.getBytes(StandardCharsets.US_ASCII), description);
    }
}
