package dev.baton.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP from a chosen loopback address (127.0.0.x): a client other than the rest of the suite, which
 * connects from 127.0.0.1, so the throttle sees two client addresses without trusting any header.
 * HTTP/1.0 with one connection per request keeps the reading trivial (no chunks, no keep-alive).
 * Tests that send wrong passwords use it: from 127.0.0.1 they would throttle the whole suite's logins
 * (dev.baton.security.LoginThrottle).
 */
public final class LoopbackClient {

  public record Response(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      return values.isEmpty() ? null : values.get(0);
    }

    /** The cookies this response sets, as a Cookie header sends them back. */
    public String cookies() {
      return String.join("; ", headers.getOrDefault("set-cookie", List.of()).stream()
          .map(cookie -> cookie.split(";", 2)[0]).toList());
    }
  }

  private final String address;
  private final int port;

  public LoopbackClient(String address, int port) {
    this.address = address;
    this.port = port;
  }

  public Response get(String path, String credentials) throws IOException {
    return send("GET", path, credentials == null ? Map.of() : Map.of("Authorization", basic(credentials)), null);
  }

  public Response send(String method, String path, Map<String, String> headers, String body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(address, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(30_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n");
      headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      if (body != null) {
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  public static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static Response parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    return new Response(status, headers, raw.substring(end + 4));
  }
}
