package dev.gamma.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The PROXY protocol header (HAProxy spec, v1 text and v2 binary) Gamma writes to a backend first. */
public final class ProxyHeader {
    private static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A
    };
    private static final int V2_PROXY_COMMAND = 0x21;
    private static final int V2_TCP4 = 0x11;
    private static final int V2_TCP6 = 0x21;

    private ProxyHeader() {}

    /** {@code PROXY TCP4|TCP6 src dst srcport dstport\r\n}; an IPv4 source with an IPv6 destination is mapped. */
    public static byte[] v1(InetSocketAddress source, InetSocketAddress destination) {
        boolean six = isSix(source, destination);
        String line = "PROXY " + (six ? "TCP6 " : "TCP4 ")
                + text(source.getAddress(), six) + " " + text(destination.getAddress(), six) + " "
                + source.getPort() + " " + destination.getPort() + "\r\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** The 16-byte v2 preamble, then the addresses and ports of the TCP4 or TCP6 family. */
    public static byte[] v2(InetSocketAddress source, InetSocketAddress destination) {
        boolean six = isSix(source, destination);
        int addressLength = six ? 36 : 12;
        ByteBuffer header = ByteBuffer.allocate(16 + addressLength);
        header.put(V2_SIGNATURE);
        header.put((byte) V2_PROXY_COMMAND);
        header.put((byte) (six ? V2_TCP6 : V2_TCP4));
        header.putShort((short) addressLength);
        header.put(bytes(source.getAddress(), six));
        header.put(bytes(destination.getAddress(), six));
        header.putShort((short) source.getPort());
        header.putShort((short) destination.getPort());
        return header.array();
    }

    private static boolean isSix(InetSocketAddress source, InetSocketAddress destination) {
        return source.getAddress() instanceof Inet6Address || destination.getAddress() instanceof Inet6Address;
    }

    private static String text(InetAddress address, boolean six) {
        if (!six) {
            return address.getHostAddress();
        }
        byte[] raw = bytes(address, true);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Integer.toHexString(((raw[i] & 0xFF) << 8) | (raw[i + 1] & 0xFF)));
        }
        return out.toString();
    }

    private static byte[] bytes(InetAddress address, boolean six) {
        byte[] raw = address.getAddress();
        if (!six || address instanceof Inet6Address) {
            return raw;
        }
        byte[] mapped = new byte[16]; // ::ffff:a.b.c.d
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }
}
