package dev.gamma.node;

import dev.gamma.config.AntiBotConfig;
import dev.gamma.config.GammaConfig;
import dev.gamma.relay.AntiBot;
import dev.gamma.relay.ProxySettings;
import dev.gamma.relay.TrustedNetworks;

/** Turns validated configuration into the relay settings the connection path reads. */
final class RouteMapping {
    private RouteMapping() {}

    static ProxySettings settings(GammaConfig config) {
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
                config.limits().maxGreeting());
    }

    static AntiBot.Settings antiBot(GammaConfig config) {
        AntiBotConfig antiBot = config.antiBot();
        return new AntiBot.Settings(antiBot.enabled(), antiBot.trigger(), antiBot.reconnectWithin(),
                antiBot.trustFor(), antiBot.coolDown(), antiBot.message());
    }
}
