package dev.gamma.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads request bodies: one JSON object, with fields checked by name. Every problem is a 400 naming it. */
final class JsonBodies {
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    private JsonBodies() {}

    /**
     * Lets a POST or PUT through only with a JSON body, or with no body and no type. Another site's page can send
     * a form, multipart or text/plain body freely, but JSON only after a CORS preflight, which this API never
     * grants.
     */
    static void requireJson(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean takesBody = request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT;
        if (!takesBody || type == null && !hasBody(request)) {
            ctx.next();
        } else if (type == null) {
            Replies.error(ctx, new ApiError(415, "a body needs Content-Type: application/json"
                    + " (curl: -H 'Content-Type: application/json', or --json)"));
        } else if (!isJson(type)) {
            Replies.error(ctx, new ApiError(415, "Content-Type must be application/json (UTF-8), got " + type.strip()));
        } else {
            ctx.next();
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || length != null && !length.strip().equals("0");
    }

    /** {@code application/json}, with any parameters, but no charset other than UTF-8 (JSON's only one). */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && (parameter.length < 2
                    || !parameter[1].strip().replace("\"", "").toLowerCase(Locale.ROOT).matches("utf-?8"))) {
                return false;
            }
        }
        return true;
    }

    /** The body as a JSON object; an empty body is an empty object. */
    static JsonObject object(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.toString().isBlank()) {
            return new JsonObject();
        }
        Object value;
        try {
            value = Json.decodeValue(body);
        } catch (DecodeException e) {
            throw new ApiError(400, "malformed JSON: " + jacksonReason(e.getMessage()));
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new ApiError(400, "the body must be a JSON object, got " + describe(value));
    }

    /** A string field of at most {@code max} characters; {@code fallback} when absent, null or blank. */
    static String optionalString(JsonObject body, String field, String fallback, int max) {
        Object value = body.getValue(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            return fallback;
        }
        return checkedString(field, value, max);
    }

    /** A string field of 1 to {@code max} characters, not blank. */
    static String requiredString(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value == null) {
            throw new ApiError(400, field + " is required");
        }
        String text = checkedString(field, value, max);
        if (text.isBlank()) {
            throw new ApiError(400, field + " must not be empty");
        }
        return text;
    }

    private static String checkedString(String field, Object value, int max) {
        if (!(value instanceof String text)) {
            throw new ApiError(400, field + " must be a string, got " + describe(value));
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new ApiError(400, field + " is " + length + " characters long; at most " + max + " are allowed");
        }
        return text;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof JsonObject) {
            return "an object";
        } else if (value instanceof JsonArray) {
            return "an array";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof Number) {
            return "a number";
        }
        return value.getClass().getSimpleName();
    }

    /** Jackson's message, with its parser source description cut down to the position. */
    private static String jacksonReason(String message) {
        String m = message == null ? "" : message.replaceFirst("^Failed to decode:", "");
        return SOURCE.matcher(m).replaceAll("line $1, column $2").replaceAll("\\s+", " ").strip();
    }
}
