package dev.gamma.admin;

import dev.gamma.config.Authority;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Refuses what a web page open in the operator's browser could make it send: calls from another site
 * (cross-site request forgery) and calls under a name that is not this node's (DNS rebinding). Clients that are
 * not browsers (curl, the command line) send neither {@code Origin} nor {@code Sec-Fetch-Site} and pass.
 */
final class CrossSiteGuard {
    private static final String FROM_ANOTHER_SITE = "request from another site refused (";
    private static final String ONLY_OWN_PAGE = "): only this node's own dashboard may call it from a browser";

    private final NodeNames names;
    private final Predicate<RoutingContext> authenticated;

    /** @param authenticated whether a request presents the admin token (a web page cannot) */
    CrossSiteGuard(NodeNames names, Predicate<RoutingContext> authenticated) {
        this.names = names;
        this.authenticated = authenticated;
    }

    /**
     * For {@code /metrics}: no {@code Host} (an HTTP/1.0 scraper) or any IP address, as Prometheus and load
     * balancers send, but a name only if it names this node (or the request presents the token), so that a
     * DNS-rebinding page cannot read the route names and counts.
     */
    void probeHost(RoutingContext ctx) {
        if (ctx.request().headers().getAll(HttpHeaders.HOST).isEmpty()) {
            ctx.next();
            return;
        }
        checkHost(ctx, true);
    }

    /**
     * 400 without exactly one readable {@code Host}; 403 when it names something other than this node, unless
     * the request presents the admin token.
     */
    void knownHost(RoutingContext ctx) {
        checkHost(ctx, false);
    }

    private void checkHost(RoutingContext ctx, boolean anyAddress) {
        List<String> hosts = ctx.request().headers().getAll(HttpHeaders.HOST);
        if (hosts.size() != 1) {
            Replies.error(ctx, new ApiError(400, "a request needs exactly one Host header, got " + hosts.size()));
            return;
        }
        Authority host;
        try {
            host = Authority.parse(hosts.get(0));
        } catch (IllegalArgumentException e) {
            Replies.error(ctx, new ApiError(400, "bad Host header: " + e.getMessage()));
            return;
        }
        if (!names.accepts(host) && !(anyAddress && host.isIpLiteral()) && !authenticated.test(ctx)) {
            Replies.error(ctx, new ApiError(403, "Host " + host + " does not name this node; to reach the admin API"
                    + " by that name, list it in admin.allowed-hosts"));
            return;
        }
        ctx.next();
    }

    /** 403 when {@code Sec-Fetch-Site} or {@code Origin} shows the request comes from another site's page. */
    void sameOrigin(RoutingContext ctx) {
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            Replies.error(ctx, new ApiError(403, FROM_ANOTHER_SITE + "Sec-Fetch-Site: " + site + ONLY_OWN_PAGE));
            return;
        }
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !isOwn(origin, ctx.request().getHeader(HttpHeaders.HOST))) {
            Replies.error(ctx, new ApiError(403, FROM_ANOTHER_SITE + "Origin: " + origin + ONLY_OWN_PAGE));
            return;
        }
        ctx.next();
    }

    /**
     * Whether a page from {@code origin} is this node's: it has the very name and port the request was sent to,
     * or one {@code admin.allowed-hosts} lists (a TLS proxy in front may rewrite {@code Host} and keep the public
     * name in {@code Origin}). The scheme is not compared, as TLS may end before the node.
     */
    private boolean isOwn(String origin, String hostHeader) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        int defaultPort = lower.startsWith("http://") ? 80 : lower.startsWith("https://") ? 443 : 0;
        if (defaultPort == 0) {
            return false; // "null" (a sandboxed or file: page), or not a web origin
        }
        try {
            Authority page = Authority.parse(lower.substring(lower.indexOf("//") + 2));
            Authority withPort = page.port() == Authority.NO_PORT ? new Authority(page.host(), defaultPort) : page;
            return hostHeader != null && withoutPort(page, defaultPort)
                    .equals(withoutPort(Authority.parse(hostHeader), defaultPort)) || names.listed(withPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Authority withoutPort(Authority authority, int defaultPort) {
        return authority.port() == defaultPort ? authority.hostOnly() : authority;
    }
}
