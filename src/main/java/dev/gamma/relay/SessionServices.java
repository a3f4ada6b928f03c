package dev.gamma.relay;

import dev.gamma.route.BackendBalancer;
import dev.gamma.route.RouteTable;
import java.util.Set;
import java.util.function.Supplier;

/** The node-wide collaborators every session of a listener shares. */
record SessionServices(
        Supplier<RouteTable> routes,
        Supplier<ProxySettings> settings,
        StatusResponder statusResponder,
        BackendConnector connector,
        BackendBalancer balancer,
        Admissions admissions,
        HandlerSource handlers,
        LoginPolicy loginPolicy,
        SessionEvents events,
        RelayMetrics metrics,
        Set<ClientSession> sessions) {}
