package dev.slbcert.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /healthz} (alive) and {@code /readyz} (ready to work), unauthenticated, for kubelet's
 * probes; they tell nothing of any resource ({@code /metrics} has a port of its own). One thread
 * serves every connection without blocking on any of them: a client that connects and sends
 * nothing, sends a byte a second, or opens hundreds of connections holds no thread, so kubelet's
 * probe is answered as soon as its request arrives. A request is read up to
 * {@value #MAX_REQUEST_BYTES} bytes; a connection that has not sent a whole request within
 * {@value #REQUEST_MILLIS} ms, or beyond {@value #MAX_CONNECTIONS} open ones (the oldest first), is
 * closed. Each answer closes its connection.
 */
public final class HealthServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
  static final int MAX_REQUEST_BYTES = 4096;
  static final long REQUEST_MILLIS = 2_000;
  static final int MAX_CONNECTIONS = 256;
  private static final int BACKLOG = 1024;
  private static final String TEXT = "text/plain; charset=utf-8";

  private final ServerSocketChannel server;
  private final Selector selector;
  private final BooleanSupplier ready;
  private final Thread thread;
  private volatile boolean open = true;

  /** A connection and what it has sent so far. */
  private static final class Connection {
    final long since = System.nanoTime();
    final ByteBuffer request = ByteBuffer.allocate(MAX_REQUEST_BYTES);
    ByteBuffer answer;
  }

  public HealthServer(int port, BooleanSupplier ready) throws IOException {
    this.ready = ready;
    this.selector = Selector.open();
    this.server = ServerSocketChannel.open();
    try {
      server.bind(new InetSocketAddress(port), BACKLOG);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      server.close();
      selector.close();
      throw e;
    }
    thread = new Thread(this::serve, "health-http");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return server.socket().getLocalPort();
  }

  private void serve() {
    while (open) {
      try {
        selector.select(250);
        for (SelectionKey key : new ArrayList<>(selector.selectedKeys())) {
          selector.selectedKeys().remove(key);
          handle(key);
        }
        closeStaleAndSurplus();
      } catch (IOException | RuntimeException e) {
        if (open) {
          LOG.warn("health server: {}", e.toString());
        }
      }
    }
  }

  private void handle(SelectionKey key) {
    try {
      if (!key.isValid()) {
        return;
      }
      if (key.isAcceptable()) {
        acceptAllWaiting();
      } else if (key.isReadable()) {
        read(key);
      } else if (key.isWritable()) {
        write(key);
      }
    } catch (IOException e) {
      closeQuietly(key);
    }
  }

  /** Takes every connection the kernel holds, so a burst of clients never fills the backlog ahead of a probe. */
  private void acceptAllWaiting() throws IOException {
    for (SocketChannel channel = server.accept(); channel != null; channel = server.accept()) {
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ, new Connection());
    }
  }

  private void read(SelectionKey key) throws IOException {
    Connection connection = (Connection) key.attachment();
    SocketChannel channel = (SocketChannel) key.channel();
    if (channel.read(connection.request) < 0) {
      closeQuietly(key);
      return;
    }
    String head = new String(connection.request.array(), 0, connection.request.position(), StandardCharsets.ISO_8859_1);
    if (head.contains("\r\n\r\n") || head.contains("\n\n")) {
      connection.answer = answer(head);
    } else if (!connection.request.hasRemaining()) {
      connection.answer = response(431, TEXT, "request too large\n");
    } else {
      return;
    }
    key.interestOps(SelectionKey.OP_WRITE);
    write(key);
  }

  private void write(SelectionKey key) throws IOException {
    Connection connection = (Connection) key.attachment();
    ((SocketChannel) key.channel()).write(connection.answer);
    if (!connection.answer.hasRemaining()) {
      closeQuietly(key);
    }
  }

  /** The answer to a request whose head is complete; a HEAD request gets the head of the GET answer. */
  private ByteBuffer answer(String head) {
    String[] line = head.substring(0, head.indexOf('\n')).trim().split(" ");
    if (line.length < 2 || !(line[0].equals("GET") || line[0].equals("HEAD"))) {
      return response(405, TEXT, "only GET\n");
    }
    String path = line[1].contains("?") ? line[1].substring(0, line[1].indexOf('?')) : line[1];
    ByteBuffer answer = switch (path) {
      case "/healthz" -> response(200, TEXT, "ok\n");
      case "/readyz" -> ready.getAsBoolean() ? response(200, TEXT, "ready\n") : response(503, TEXT, "not ready\n");
      default -> response(404, TEXT, "not found: /healthz and /readyz are served here\n");
    };
    if (line[0].equals("HEAD")) {
      answer.limit(headLength(answer));
    }
    return answer;
  }

  private static int headLength(ByteBuffer answer) {
    byte[] bytes = answer.array();
    for (int i = 3; i < answer.limit(); i++) {
      if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
        return i + 1;
      }
    }
    return answer.limit();
  }

  private static ByteBuffer response(int status, String type, String body) {
    String reason = switch (status) {
      case 200 -> "OK";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 431 -> "Request Header Fields Too Large";
      default -> "Service Unavailable";
    };
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String header = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n";
    ByteBuffer buffer = ByteBuffer.allocate(header.length() + bytes.length);
    buffer.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(bytes).flip();
    return buffer;
  }

  /** Closes connections that took too long to send their request, and the oldest beyond the limit. */
  private void closeStaleAndSurplus() {
    long now = System.nanoTime();
    List<SelectionKey> connections = new ArrayList<>();
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Connection connection) {
        if ((now - connection.since) / 1_000_000 > REQUEST_MILLIS) {
          closeQuietly(key);
        } else {
          connections.add(key);
        }
      }
    }
    if (connections.size() > MAX_CONNECTIONS) {
      connections.sort((a, b) -> Long.compare(((Connection) a.attachment()).since, ((Connection) b.attachment()).since));
      connections.subList(0, connections.size() - MAX_CONNECTIONS).forEach(HealthServer::closeQuietly);
    }
  }

  private static void closeQuietly(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    open = false;
    selector.wakeup();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SelectionKey key : selector.keys()) {
      closeQuietly(key);
    }
    try {
      selector.close();
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
