package dev.baton.crm;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client for the intake benchmark: it runs in the application's JVM, so
 * a lean client leaves the CPU to the server being measured (java.net.http costs several times more).
 * One connection, one request at a time; Content-Length and chunked answers.
 */
final class KeepAliveHttp implements AutoCloseable {

  record Answer(int status, String body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  Answer post(String path, byte[] body, String... headers) throws IOException {
    try {
      return exchange(path, body, headers);
    } catch (IOException stale) {
      // The server may close an idle keep-alive connection: reconnect once.
      close();
      return exchange(path, body, headers);
    }
  }

  private Answer exchange(String path, byte[] body, String... headers) throws IOException {
    if (socket == null) {
      socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      out = socket.getOutputStream();
    }
    StringBuilder head = new StringBuilder(512).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
        .append(host).append(':').append(port).append("\r\nContent-Type: application/json\r\nContent-Length: ")
        .append(body.length).append("\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    out.write(request);
    out.flush();

    String status = line();
    if (status == null) {
      throw new IOException("connection closed before an answer");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String header; !(header = line()).isEmpty(); ) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    if (chunked) {
      for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
        answer.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
    } else if (length > 0) {
      answer.write(in.readNBytes((int) length));
    }
    if (close) {
      close();
    }
    return new Answer(code, answer.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c; (c = in.read()) != -1; ) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      line.append((char) c);
    }
    if (line.length() == 0) {
      throw new IOException("connection closed");
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
