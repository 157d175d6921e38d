package dev.baton.security;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The form the webapps' login page posts, read for its user name and handed on intact. Reading it with
 * {@code getParameter} would leave the body empty for Camunda's login resource (Jersey), which then
 * falls back to the parameters but warns on every login.
 */
final class LoginForm extends HttpServletRequestWrapper {

  /** A login form is a few dozen bytes; the user name is looked for in this much of it. */
  private static final int READ_AT_MOST = 8 * 1024;

  private final byte[] start;

  private LoginForm(HttpServletRequest request, byte[] start) {
    super(request);
    this.start = start;
  }

  static LoginForm read(HttpServletRequest request) throws IOException {
    return new LoginForm(request, request.getInputStream().readNBytes(READ_AT_MOST));
  }

  /** The posted {@code username}, or null. */
  String username() {
    Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
    for (String field : new String(start, StandardCharsets.ISO_8859_1).split("&")) {
      if (field.startsWith("username=")) {
        try {
          return URLDecoder.decode(field.substring("username=".length()), charset);
        } catch (IllegalArgumentException malformed) {
          return null; // Camunda refuses the form itself
        }
      }
    }
    return null;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    InputStream body = new SequenceInputStream(new ByteArrayInputStream(start), super.getInputStream());
    return new ServletInputStream() {
      private boolean finished;

      @Override
      public int read() throws IOException {
        int next = body.read();
        finished = next < 0;
        return next;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = body.read(buffer, offset, length);
        finished = read < 0;
        return read;
      }

      @Override
      public boolean isFinished() {
        return finished;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("blocking reads only");
      }
    };
  }

  @Override
  public BufferedReader getReader() throws IOException {
    String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
    return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
  }
}
