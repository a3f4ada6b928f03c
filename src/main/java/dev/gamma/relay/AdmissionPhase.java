package dev.gamma.relay;

import dev.gamma.protocol.Handshake;
import dev.gamma.route.Hostnames;
import dev.gamma.route.Route;

/**
 * A complete login greeting (counted for anti-bot mode's rate): who the player says they are, then
 * {@link LoginChecks} in their order. A refused
 * login gets its reason as a Login Disconnect; an admitted one leaves its greeting for the route's backend
 * ({@link Handover}). Runs on the session's event loop.
 */
final class AdmissionPhase {
    private AdmissionPhase() {}

    static void admit(ClientSession session, Greeting.Login login) {
        Handshake handshake = login.handshake();
        SessionInfo info = session.info()
                .withHandshake(Hostnames.normalize(handshake.address()), handshake.protocolVersion());
        if (login.loginStart() != null) {
            info = info.withPlayer(login.loginStart().name(), login.loginStart().uuid());
        }
        RelayDependencies services = session.services();
        services.antiBot().loginStarted();
        LoginChecks.Decision decision = new LoginChecks(services.routes().get(), services.loginPolicy(),
                session.settings(), services.antiBot()).decide(login, info, session.rateLimited());
        Route route = decision.route();
        session.update(route == null ? info : info.withRoute(route.name()));
        LoginChecks.Refusal refusal = decision.refusal();
        if (refusal != null) {
            if (refusal.outcome() == Outcome.DENIED) {
                services.metrics().accessDenied("route");
            }
            session.refuseLogin(refusal.reason(), refusal.outcome(), refusal.detail());
        } else {
            session.connect(route, login, decision.admission());
        }
    }
}
