package dev.gamma.admin;

import java.io.*;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir Path dir;

    @Test
    void explore() throws Exception {
        try (AdminFixture admin = new AdminFixture(dir, "")) {
            int port = Integer.parseInt(admin.request("/").build().uri().getPort() + "");
            String[] reqs = {
                "GET /api/players/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/players?name=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "DELETE /api/players HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/../health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GARBAGE\r\n\r\n",
                "POST /api/broadcast HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 17\r\n\r\n{\"message\":\"hi\"}",
                "POST /api/broadcast HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n{\"message\":\"hi\"}",
                "POST /api/broadcast HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n10000\r\n" + "x".repeat(65536) + "\r\n10\r\n" + "y".repeat(16) + "\r\n0\r\n\r\n",
                "PUT /api/routes/* HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 29\r\n\r\n{\"backend\":\"127.0.0.1:25566\"}",
                "GET /api/routes/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/players/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /health/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/routes/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            };
            for (String r : reqs) {
                try (Socket s = new Socket("127.0.0.1", port)) { s.setSoTimeout(3000);
                    s.getOutputStream().write(r.getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    String resp = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    System.out.println("=== " + r.lines().findFirst().get() + "\n" + resp.substring(0, Math.min(600, resp.length())));
                } catch (IOException e) {
                    System.out.println("=== " + r.lines().findFirst().get() + " -> " + e);
                }
            }
        }
    }
}
