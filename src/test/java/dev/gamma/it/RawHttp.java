package dev.gamma.it;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand, for requests a proper client refuses to send: broken escapes, odd methods, huge
 * headers, bodies the server stops reading. The request goes out from a thread of its own while the answer
 * is read, so a server that answers before reading everything (say, a 413) is seen answering.
 */
final class RawHttp {
    record Response(int status, Map<String, String> headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private RawHttp() {}

    /**
     * {@code method target HTTP/1.1} with Host (127.0.0.1 unless {@code headers} name one), Connection: close,
     * {@code headers} (one whose value is null is left out, Host included) and, for a body that is not sent
     * chunked, its Content-Length.
     */
    static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (!headers.containsKey("Host")) {
            head.append("Host: 127.0.0.1\r\n");
        }
        head.append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (value != null) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        if (body != null && !headers.containsKey("Transfer-Encoding")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        return RawClient.concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body == null ? new byte[0] : body);
    }

    static Response send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException stoppedReading) {
                    // the server answered and closed before taking everything: its answer is what counts
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                seen.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no complete answer within 10 s; got: " + seen.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException reset) {
            if (seen.size() == 0) {
                throw reset;
            }
        }
        return seen.toByteArray();
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("not an HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
