package dev.gamma.node;

import dev.gamma.config.AntiBotConfig;
import dev.gamma.config.GammaConfig;
import dev.gamma.relay.AntiBot;
import dev.gamma.relay.ProxySettings;
import dev.gamma.relay.TrustedNetworks;
import dev.gamma.route.AccessList;

/** Turns validated configuration into the relay settings the connection path reads. */
final class RouteMapping {
    private RouteMapping() {}

    /** {@code fleetAccess}: the fleet-wide list set through the API, in force together with the file's. */
    static ProxySettings settings(GammaConfig config, AccessList fleetAccess) {
        return new ProxySettings(
                config.timeouts().handshake(),
                config.timeouts().connect(),
                config.timeouts().login(),
                config.timeouts().stalled(),
                config.limits().maxHandshakeBytes(),
                config.unknownHost().motd(),
                config.unknownHost().disconnect(),
                config.proxyProtocol().enabled(),
                TrustedNetworks.parse(config.proxyProtocol().trusted()),
                config.relay().splice(),
                config.timeouts().firstByte(),
                config.limits().maxGreetingPerIp(),
                config.limits().maxGreeting(),
                (long) config.limits().maxUnfinishedPacketsMib() << 20,
                AccessList.of(config.access().allow(), config.access().deny()).and(fleetAccess));
    }

    static AntiBot.Settings antiBot(GammaConfig config) {
        AntiBotConfig antiBot = config.antiBot();
        return new AntiBot.Settings(antiBot.enabled(), antiBot.trigger(), antiBot.reconnectWithin(),
                antiBot.trustFor(), antiBot.coolDown(), antiBot.message());
    }
}
