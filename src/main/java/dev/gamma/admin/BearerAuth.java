package dev.gamma.admin;

import dev.gamma.config.AdminConfig;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a call through only with {@code Authorization: Bearer <token>}, when a token is configured. */
final class BearerAuth implements Handler<RoutingContext> {
    private static final String SCHEME = "Bearer ";

    private final byte[] token;

    /** @param token "" (or blank) lets every call through: allowed on loopback only, see {@link AdminConfig} */
    BearerAuth(String token) {
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** True when a token is set and the request presents it: no web page can, so it is not a forged call. */
    boolean presented(RoutingContext ctx) {
        String header = bearer(ctx);
        return token.length > 0 && header != null
                && MessageDigest.isEqual(header.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8),
                        token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token.length == 0 || presented(ctx)) {
            ctx.next();
        } else if (bearer(ctx) == null) {
            refuse(ctx, "missing token: send the header Authorization: Bearer <admin.token>");
        } else {
            refuse(ctx, "wrong token");
        }
    }

    /** The Authorization header if it is a bearer one, else null. */
    private static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) ? header : null;
    }

    private static void refuse(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        Replies.error(ctx, new ApiError(401, message));
    }
}
