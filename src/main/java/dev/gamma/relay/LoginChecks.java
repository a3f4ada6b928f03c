package dev.gamma.relay;

import dev.gamma.protocol.PlayerNames;
import dev.gamma.route.AccessList;
import dev.gamma.route.ClientAddresses;
import dev.gamma.route.Route;
import dev.gamma.route.RouteTable;
import java.util.Optional;

/**
 * What a login must pass before any backend is contacted, in this order: its address is within its rate, its
 * hostname has a route whose access list admits the address, its Login Start was read where the route forwards the
 * player's identity, its name is one a vanilla server accepts, anti-bot mode lets its address in, the route's
 * maintenance mode lets its name in, and the cluster's policies admit it (after anti-bot and maintenance, so that a
 * refused login never kicks the player of the same name). The first check that fails is the answer, with the reason
 * the player reads.
 */
final class LoginChecks {
    /** Refused with {@code reason}, logged as {@code outcome} with {@code detail}. */
    record Refusal(String reason, Outcome outcome, String detail) {}

    /** The route to connect, or the refusal; {@code admission} is the login policy's, for an admitted login. */
    record Decision(Route route, Refusal refusal, LoginPolicy.Admission admission) {
        Decision(Route route, Refusal refusal) {
            this(route, refusal, null);
        }

        static Decision refuse(String reason, Outcome outcome) {
            return new Decision(null, new Refusal(reason, outcome, ""));
        }
    }

    private final RouteTable routes;
    private final LoginPolicy loginPolicy;
    private final ProxySettings settings;
    private final AntiBot antiBot;

    LoginChecks(RouteTable routes, LoginPolicy policy, ProxySettings settings, AntiBot antiBot) {
        this.routes = routes;
        this.loginPolicy = policy;
        this.settings = settings;
        this.antiBot = antiBot;
    }

    /** {@code info} names the route once one is found (see {@link Decision#route()}). */
    Decision decide(Greeting.Login login, SessionInfo info, boolean rateLimited) {
        if (rateLimited) {
            return Decision.refuse(ProxySettings.RATE_LIMITED_MESSAGE, Outcome.RATE_LIMITED);
        }
        Route route = routes.lookup(info.host()).orElse(null);
        if (route == null) {
            return Decision.refuse(settings.unknownHostDisconnectFor(info.host()), Outcome.UNKNOWN_HOST);
        }
        if (!route.access().admits(info.clientAddress())) {
            return new Decision(route, new Refusal(AccessList.DENIED_MESSAGE, Outcome.DENIED,
                    "refused by the route's access list"));
        }
        if (login.loginStart() == null && route.forwarding().equals("bungeecord")) {
            // the backend trusts the forwarded identity: with no name read, every such player would get one UUID
            return new Decision(route, new Refusal("Your client's login could not be read (protocol "
                    + login.handshake().protocolVersion() + "); this server needs it.", Outcome.BAD_HANDSHAKE,
                    "Login Start unreadable on a route with forwarding: bungeecord"));
        }
        Optional<String> badName = Optional.ofNullable(login.loginStart())
                .flatMap(start -> PlayerNames.problem(start.name()));
        if (badName.isPresent()) {
            return new Decision(route, new Refusal(badName.get(), Outcome.INVALID_NAME, badName.get()));
        }
        String reconnect = antiBot.check(ClientAddresses.key(info.clientAddress()));
        if (reconnect != null) {
            return new Decision(route, new Refusal(reconnect, Outcome.ANTI_BOT, "asked to reconnect: anti-bot mode"));
        }
        String name = login.loginStart() == null ? null : login.loginStart().name();
        if (!route.maintenance().admits(name)) {
            return new Decision(route, new Refusal(route.maintenance().shownMessage(), Outcome.MAINTENANCE,
                    name == null ? "maintenance: Login Start unreadable" : "maintenance: not on the allow-list"));
        }
        LoginPolicy.Admission policy = loginPolicy.admit(route, info.withRoute(route.name()));
        if (!policy.allowed()) {
            return new Decision(route, new Refusal(policy.reason(), Outcome.REFUSED_BY_POLICY, ""));
        }
        return new Decision(route, null, policy);
    }
}
