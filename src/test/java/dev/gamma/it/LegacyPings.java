package dev.gamma.it;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds the 1.6 server-list ping as a 1.6 client sends it. */
final class LegacyPings {
    private LegacyPings() {}

    static byte[] v16(String host, int port) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[] {(byte) 0xFE, 0x01, (byte) 0xFA});
            String channel = "MC|PingHost";
            out.writeShort(channel.length());
            out.write(channel.getBytes(StandardCharsets.UTF_16BE));
            byte[] hostBytes = host.getBytes(StandardCharsets.UTF_16BE);
            out.writeShort(7 + hostBytes.length);
            out.writeByte(78);
            out.writeShort(host.length());
            out.write(hostBytes);
            out.writeInt(port);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
