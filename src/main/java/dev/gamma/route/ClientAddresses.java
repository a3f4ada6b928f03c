package dev.gamma.route;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key an address is counted under by the per-address limits: an IPv4 address as it is, an IPv6 address by
 * its /64, the block one subscriber gets (so a client cannot take a fresh budget from each of its 2^64 addresses).
 */
public final class ClientAddresses {
    private ClientAddresses() {}

    /** {@code address} is a textual IP address, as a socket's peer address gives it. */
    public static String key(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // an IPv4-mapped address
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF)).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address; // not an address literal: counted as it is
        }
    }
}
