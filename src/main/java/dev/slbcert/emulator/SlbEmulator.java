package dev.slbcert.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the SLB API (version 2014-05-15): RPC over HTTP with signature v1 and JSON
 * answers, state in memory, faults on demand. The Alibaba Java SDK talks to it unchanged.
 */
public final class SlbEmulator implements AutoCloseable {
  static final String API_VERSION = "2014-05-15";
  private static final Logger LOG = LoggerFactory.getLogger(SlbEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Headers and body leave in separate writes; without TCP_NODELAY each answer waits ~40 ms
    // for a delayed ACK. Read once when the JDK server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final EmulatorSettings settings;
  private final EmulatorState state = new EmulatorState();
  private final Map<String, SlbAction> actions = new HashMap<>();
  private final RequestAuthenticator authenticator;
  private final FaultInjector faults = new FaultInjector();
  private final CallLog calls = new CallLog();
  private final QpsLimiter limiter;
  private final HttpServer server;
  private final ExecutorService executor;
  private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();

  private SlbEmulator(EmulatorSettings settings) throws IOException {
    this.settings = settings;
    this.authenticator = new RequestAuthenticator(settings.accessKeys(), settings.clock());
    this.limiter = settings.qps() > 0 ? new QpsLimiter(settings.qps()) : null;
    new CertificateActions(state, settings.clock(), settings.certificateQuota()).register(actions);
    new LoadBalancerActions(state, settings.clock()).register(actions);
    new ListenerActions(state).register(actions);
    new ListenerQueryActions(state).register(actions);
    new VServerGroupActions(state).register(actions);
    new LoadBalancerSettingActions(state).register(actions);
    new TagActions(state).register(actions);
    this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "slb-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::serveRpc);
    server.createContext("/_emulator/", new ControlApi(this)::serve);
  }

  /** Binds and starts serving; the emulator is ready when this returns. */
  public static SlbEmulator start(EmulatorSettings settings) throws IOException {
    SlbEmulator emulator = new SlbEmulator(settings);
    emulator.server.start();
    return emulator;
  }

  /** {@code http://host:port}, the value for {@code SLBCERT_SLB_ENDPOINT}. */
  public URI endpoint() {
    return URI.create("http://" + settings.host() + ":" + server.getAddress().getPort());
  }

  public EmulatorSnapshot snapshot() {
    return EmulatorSnapshot.of(state);
  }

  public void addFault(FaultRule rule) {
    faults.add(rule);
  }

  public void clearFaults() {
    faults.clear();
  }

  List<FaultRule> faultRules() {
    return faults.rules();
  }

  /** Calls per action and outcome ({@code Success} or the error code the client saw). */
  public Map<String, Map<String, Long>> calls() {
    return calls.calls();
  }

  /** Number of calls of one action, whatever their outcome. */
  public long callCount(String action) {
    return calls.calls().getOrDefault(action, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Calls of an action received with this access key id (signed or not), counted on arrival: what a caller sent. */
  public long callsReceivedFrom(String accessKeyId, String action) {
    return calls.receivedFrom(accessKeyId, action);
  }

  /**
   * Calls of an action received with this access key id whose signed {@code Timestamp} (whole
   * seconds) is not before {@code notBefore}'s second: what a caller signed from then on, however late
   * the request arrived.
   */
  public long callsSignedFrom(String accessKeyId, String action, Instant notBefore) {
    return calls.signedFrom(accessKeyId, action, notBefore);
  }

  /** Accepts a temporary key STS issued, with its SecurityToken, until it expires ({@link StsStandIn}). */
  void acceptTemporaryKey(String accessKeyId, String secret, String securityToken, Instant expires) {
    authenticator.accept(accessKeyId, new RequestAuthenticator.TemporaryKey(secret, securityToken, expires));
  }

  /** The clock the emulator judges timestamps and expiries by. */
  java.time.Clock clock() {
    return settings.clock();
  }

  public Map<String, Long> faultsInjected() {
    return calls.faults();
  }

  /** Forgets every resource, call count, fault and used nonce. */
  public void reset() {
    state.clear();
    calls.clear();
    faults.clear();
    authenticator.reset();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Carries out an SLB action as if it had been called (no signature, fault or latency), for the control API. */
  Map<String, Object> invoke(String action, Map<String, String> parameters) throws ApiError {
    Map<String, String> all = new java.util.TreeMap<>(parameters);
    all.put("Action", action);
    return actions.get(action).handle(new RpcRequest("POST", all));
  }

  /** SLB calls received and not yet answered (a delayed call counts until it is carried out). */
  public int activeCalls() {
    return active.get();
  }

  private void serveRpc(HttpExchange exchange) throws IOException {
    active.incrementAndGet();
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      RpcRequest request = RpcRequest.parse(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(), body);
      String action = request.action().isEmpty() ? "(none)" : request.action();
      calls.received(String.valueOf(request.parameters().get("AccessKeyId")), action, request.parameters().get("Timestamp"));
      pause(settings.latencyMs());
      try {
        admit(request);
        Optional<FaultRule> fault = faults.next(action);
        fault.ifPresent(f -> calls.recordFault(f.kind()));
        if (fault.isPresent() && fault.get().kind() == FaultRule.Kind.ERROR) {
          throw new ApiError(fault.get().httpStatus(), fault.get().code(), "Injected fault: " + fault.get().code());
        }
        if (fault.isPresent() && fault.get().kind() == FaultRule.Kind.DELAY) {
          pause(fault.get().delayMs());
        }
        Map<String, Object> result = actions.get(action).handle(request);
        if (fault.isPresent() && fault.get().kind() == FaultRule.Kind.COMMIT_THEN_FAIL) {
          failAfterCommit(exchange, action, fault.get());
          return;
        }
        calls.record(action, "Success");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("RequestId", requestId());
        answer.putAll(result);
        send(exchange, 200, answer);
      } catch (ApiError e) {
        calls.record(action, e.code());
        send(exchange, e.httpStatus(), error(e));
      } catch (RuntimeException e) {
        LOG.error("emulator failed on {}", action, e);
        calls.record(action, "InternalError");
        send(exchange, 500, error(new ApiError(500, "InternalError", "The request processing has failed due to some unknown error.")));
      }
    } finally {
      active.decrementAndGet();
    }
  }

  /** Version, action, signature and rate limit: what SLB checks before it looks at the action. */
  private void admit(RpcRequest request) throws ApiError {
    authenticator.authenticate(request);
    if (!API_VERSION.equals(request.parameters().get("Version"))) {
      throw new ApiError(400, "InvalidVersion", "Specified parameter Version is not valid.");
    }
    if (!actions.containsKey(request.action())) {
      throw new ApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }
    Regions.check(request.optional("RegionId"), settings.regions());
    if (limiter != null && !limiter.tryAcquire()) {
      throw new ApiError(400, "Throttling.User", "Request was denied due to user flow control.");
    }
  }

  private void failAfterCommit(HttpExchange exchange, String action, FaultRule fault) throws IOException {
    if (fault.dropConnection()) {
      calls.record(action, "ConnectionDropped");
      exchange.close(); // no status line: the client sees the connection end
      return;
    }
    calls.record(action, "ServiceUnavailable");
    send(exchange, 503, error(new ApiError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")));
  }

  private static Map<String, Object> error(ApiError e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", requestId());
    body.put("HostId", "slb.aliyuncs.com");
    body.put("Code", e.code());
    body.put("Message", e.getMessage());
    body.put("Recommend", "");
    return body;
  }

  static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String requestId() {
    return UUID.randomUUID().toString().toUpperCase();
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
