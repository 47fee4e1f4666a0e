package dev.rotor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection over a plain socket, for tests that need to control what goes on the
 * wire: several requests in one write (pipelining), or requests sent the moment a response is read.
 * Reads responses framed by {@code Content-Length} or chunked.
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;

  /** Connects to {@code 127.0.0.1:port}; every read gives up after {@code timeoutMillis}. */
  public RawHttp(int port, int timeoutMillis) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(timeoutMillis);
    in = socket.getInputStream();
  }

  /** Returns a GET request for {@code path} with the given extra header lines. */
  public static String get(String path, String... headers) {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  /** Writes {@code requests} in one write. */
  public void send(String... requests) throws IOException {
    socket.getOutputStream().write(String.join("", requests).getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** Reads one whole response; throws {@link java.net.SocketTimeoutException} if none comes. */
  public Response read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line().split(";")[0].strip(), 16);
          size > 0;
          size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (length > 0) {
      body.write(in.readNBytes((int) length));
    }
    return new Response(code, body.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed by the server");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A response's status code and body. */
  public record Response(int code, String body) {}
}
