package dev.gamma.admin;

import dev.gamma.cluster.HealthTable;
import dev.gamma.cluster.WakeTable;
import dev.gamma.cluster.SharedTable;
import dev.gamma.config.AdminConfig;
import dev.gamma.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin HTTP API of one node: JSON over HTTP, bearer token, health and readiness probes. */
public final class AdminServer {
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int IDLE_TIMEOUT_SECONDS = 120;
    /** The dashboard's files on the classpath ({@code src/main/resources/dashboard}). */
    private static final String DASHBOARD_ROOT = "dashboard";
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Every status the router may produce by itself, each answered in JSON. */
    private static final int[] ROUTER_STATUSES = {400, 401, 403, 404, 405, 406, 413, 415, 500, 501, 503};

    private final Vertx vertx;
    private final AdminConfig config;
    private final AdminServices services;
    private final AdminConnections connections;
    private volatile HttpServer server;

    public AdminServer(Vertx vertx, AdminConfig config, AdminServices services) {
        this(vertx, config, services, AdminConnections.Limits.DEFAULTS);
    }

    AdminServer(Vertx vertx, AdminConfig config, AdminServices services, AdminConnections.Limits limits) {
        this.vertx = vertx;
        this.config = config;
        this.services = services;
        this.connections = new AdminConnections(vertx, limits, () -> System.nanoTime() / 1_000_000);
    }

    /**
     * Listens on {@code admin.bind}; the future holds the actual port (useful with port 0). Fails with a
     * {@link ConfigException} naming {@code admin.token} when the bind is off loopback without a strong token.
     */
    public Future<Integer> start() {
        Optional<String> refusal = config.tokenProblem();
        if (refusal.isPresent()) {
            return Future.failedFuture(new ConfigException(List.of("admin.token: " + refusal.get())));
        }
        if (!config.bind().isLoopback()) {
            LOG.warn("admin API listens on {}, off loopback: every /api call needs the token; keep this port"
                    + " behind a firewall or TLS-terminating proxy", config.bind());
        }
        HttpServer created = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.bind().host()).setPort(config.bind().port())
                // HTTP/1.1 only: the JDK's HttpClient (the CLI's) and curl --http2 offer an h2c upgrade and then
                // misread a large answer (a busy player list) that follows the 101 at once
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)); // a stalled caller (say, a refused 1 GB upload) lets go
        created.connectionHandler(connections::opened).requestHandler(router())
                .invalidRequestHandler(FailureResponder::invalidRequest);
        return created.listen().map(listening -> {
            server = listening;
            connections.start();
            return listening.actualPort();
        });
    }

    /** Connections open on the admin port now. */
    int openConnections() {
        return connections.openCount();
    }

    public Future<Void> stop() {
        HttpServer running = server;
        server = null;
        connections.stop();
        return running == null ? Future.succeededFuture() : running.close();
    }

    /** Nothing but the page's own files may load or be framed; sniffing never turns data into script. */
    private static void dashboardHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self';"
                        + " connect-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'none';"
                        + " base-uri 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private Router router() {
        Router router = Router.router(vertx);
        for (int status : ROUTER_STATUSES) {
            router.errorHandler(status, FailureResponder.forStatus(status));
        }
        router.route().failureHandler(FailureResponder::respond);
        router.route().handler(connections::watch);

        // The health probes answer whatever Host a load balancer sends (they tell nothing), but not a page of another
        // site; /metrics (route names and counts) answers any address as Host, but only the names of this node.
        BearerAuth auth = new BearerAuth(config.token());
        CrossSiteGuard guard = new CrossSiteGuard(new NodeNames(config), auth::presented);
        HealthResource health = new HealthResource(services.ready(),
                () -> services.crosstalk().nodes().nodes().stream().anyMatch(n -> n.draining()
                        && n.id().equals(services.crosstalk().nodes().selfId())));
        router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(guard::sameOrigin)
                .handler(health::health);
        router.route("/ready").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(guard::sameOrigin)
                .handler(health::ready);
        // Like /health, scraped by machines that hold no token; it names routes and counts, no players.
        router.get("/metrics").handler(guard::probeHost).handler(guard::sameOrigin).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(services.metrics().get()));
        router.route().handler(guard::knownHost);

        // The dashboard page itself is public; it asks for the token and sends it with every /api call. A link
        // from another site may open it: its own calls are then same-origin.
        // No caching: a node upgraded under an open tab serves its new page at the next reload.
        StaticHandler dashboard = StaticHandler.create(DASHBOARD_ROOT).setIndexPage("index.html")
                .setDirectoryListing(false).setCachingEnabled(false);
        router.get("/").handler(AdminServer::dashboardHeaders).handler(dashboard);
        router.get("/dashboard/*").handler(AdminServer::dashboardHeaders).handler(dashboard);

        router.route().handler(guard::sameOrigin);
        router.route("/api/*").handler(auth);
        router.route("/api/*").handler(JsonBodies::requireJson);
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));

        PlayersResource players = new PlayersResource(services.crosstalk().players());
        CommandsResource commands = new CommandsResource(services.commands(), services.crosstalk().players());
        router.get("/api/players").handler(players::list);
        router.get("/api/players/:name").handler(players::one);
        router.post("/api/players/:name/kick").handler(commands::kick);
        router.post("/api/sessions/:id/kick").handler(commands::kickSession);
        router.post("/api/broadcast").handler(commands::broadcast);

        RoutesResource routes = new RoutesResource(vertx, services.crosstalk().routes(),
                new HealthTable(services.crosstalk().table(SharedTable.Name.HEALTH), System::currentTimeMillis),
                new WakeTable(services.crosstalk().table(SharedTable.Name.WAKE), System::currentTimeMillis),
                services.routeBaseDir(), System::currentTimeMillis);
        router.get("/api/routes").handler(routes::list);
        router.get("/api/routes/:host").handler(routes::one);
        router.put("/api/routes/:host").handler(routes::put);
        router.delete("/api/routes/:host").handler(routes::delete);
        router.put("/api/routes/:host/maintenance").handler(
                new MaintenanceResource(services.crosstalk().routes(), System::currentTimeMillis)::put);

        router.get("/api/nodes").handler(new NodesResource(services.crosstalk())::list);
        DrainResource drains = new DrainResource(services.crosstalk().nodes(), services.commands());
        router.post("/api/nodes/:id/drain").handler(drains::drain);
        router.delete("/api/nodes/:id/drain").handler(drains::resume);
        if (services.access() != null) {
            AccessResource access = new AccessResource(vertx, services.access());
            router.get("/api/access").handler(access::get);
            router.put("/api/access").handler(access::put);
        }
        return router;
    }
}

