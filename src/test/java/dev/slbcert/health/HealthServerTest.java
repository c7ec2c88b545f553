package dev.slbcert.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  /** kubelet's default probe timeout: an answer later than this is a failed probe. */
  private static final int PROBE_TIMEOUT_MILLIS = 1_000;
  /** The clients that hold connections are not probes: they may wait longer for their connection on a loaded machine. */
  private static final int ATTACKER_CONNECT_MILLIS = 10_000;

  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final List<Socket> others = new ArrayList<>();
  private HealthServer server;

  @BeforeEach
  void start() throws IOException {
    server = new HealthServer(0, ready::get);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : others) {
      s.close();
    }
    server.close();
  }

  @Test
  void answersLivenessAndReadinessAndNothingElse() throws IOException {
    assertThat(probe("/healthz")).startsWith("HTTP/1.1 200").endsWith("ok\n");
    assertThat(probe("/readyz")).startsWith("HTTP/1.1 200").endsWith("ready\n");
    ready.set(false);
    assertThat(probe("/readyz")).startsWith("HTTP/1.1 503").endsWith("not ready\n");
    assertThat(probe("/metrics")).as("no resource is named on the probe port").startsWith("HTTP/1.1 404");
    assertThat(probe("/other")).startsWith("HTTP/1.1 404");
  }

  @Test
  void clientsThatSendHalfARequestAndWaitDoNotKeepTheProbeFromItsAnswer() throws IOException {
    for (int i = 0; i < 300; i++) {
      Socket idle = connect(ATTACKER_CONNECT_MILLIS);
      idle.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // never ends the head
      others.add(idle);
    }
    for (int i = 0; i < 20; i++) {
      others.add(connect(ATTACKER_CONNECT_MILLIS)); // connected, silent
    }

    assertThat(probe("/healthz")).startsWith("HTTP/1.1 200");
    assertThat(probe("/readyz")).startsWith("HTTP/1.1 200");
  }

  @Test
  void aClientSendingOneByteAtATimeIsClosedAfterTheRequestTimeAndHoldsNothing() throws Exception {
    Socket slow = connect();
    others.add(slow);
    OutputStream out = slow.getOutputStream();
    out.write('G');
    assertThat(probe("/healthz")).startsWith("HTTP/1.1 200");

    slow.setSoTimeout((int) HealthServer.REQUEST_MILLIS * 3);
    assertThat(slow.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
  }

  @Test
  void aHeadRequestGetsTheHeadWithoutTheBody() throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(socket)).startsWith("HTTP/1.1 200").contains("Content-Length: 3").endsWith("\r\n\r\n");
    }
  }

  @Test
  void aRequestLargerThanTheLimitIsRefused() throws IOException {
    try (Socket socket = connect()) {
      String start = "GET /healthz HTTP/1.1\r\nX: ";
      socket.getOutputStream().write((start + "a".repeat(HealthServer.MAX_REQUEST_BYTES - start.length())).getBytes(StandardCharsets.US_ASCII));
      assertThat(readAll(socket)).startsWith("HTTP/1.1 431");
    }
  }

  private Socket connect() throws IOException {
    return connect(PROBE_TIMEOUT_MILLIS);
  }

  private Socket connect(int timeoutMillis) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), timeoutMillis);
    return socket;
  }

  /** A GET as kubelet sends it, answered within kubelet's timeout or failing. */
  private String probe(String path) throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 10.0.0.1:8080\r\nUser-Agent: kube-probe/1.26\r\nAccept: */*\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return readAll(socket);
    }
  }

  private static String readAll(Socket socket) throws IOException {
    socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
