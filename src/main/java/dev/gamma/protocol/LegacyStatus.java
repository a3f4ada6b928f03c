package dev.gamma.protocol;

import java.util.Objects;

/** What a pre-1.7 client's server list shows: answered by {@link LegacyPing#reply}. */
public record LegacyStatus(int protocol, String version, String motd, int online, int max) {
    public LegacyStatus {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(motd, "motd");
    }
}
