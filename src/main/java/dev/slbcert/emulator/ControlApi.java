package dev.slbcert.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The emulator's own JSON API under {@code /_emulator/} (not part of SLB): state, call counts,
 * reset and fault injection.
 */
final class ControlApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SlbEmulator emulator;

  ControlApi(SlbEmulator emulator) {
    this.emulator = emulator;
  }

  void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      try {
        switch (route) {
          case "GET /_emulator/state" -> SlbEmulator.send(exchange, 200, emulator.snapshot());
          case "GET /_emulator/calls" -> SlbEmulator.send(exchange, 200, Map.of("calls", emulator.calls(), "faultsInjected", emulator.faultsInjected()));
          case "POST /_emulator/reset" -> {
            emulator.reset();
            SlbEmulator.send(exchange, 200, Map.of("reset", true));
          }
          case "GET /_emulator/faults" -> SlbEmulator.send(exchange, 200, Map.of("faults", emulator.faultRules()));
          case "DELETE /_emulator/faults" -> {
            emulator.clearFaults();
            SlbEmulator.send(exchange, 200, Map.of("faults", List.of()));
          }
          case "POST /_emulator/faults" -> {
            for (FaultRule rule : parseFaults(JSON.readTree(exchange.getRequestBody()))) {
              emulator.addFault(rule);
            }
            SlbEmulator.send(exchange, 200, Map.of("faults", emulator.faultRules()));
          }
          case "POST /_emulator/load-balancers" -> SlbEmulator.send(exchange, 200, createLoadBalancer(JSON.readTree(exchange.getRequestBody())));
          default -> {
            if (route.startsWith("DELETE /_emulator/load-balancers/")) {
              SlbEmulator.send(exchange, 200, deleteLoadBalancer(route.substring("DELETE /_emulator/load-balancers/".length()),
                  exchange.getRequestURI().getQuery()));
            } else {
              SlbEmulator.send(exchange, 404, Map.of("error", "unknown control route " + route));
            }
          }
        }
      } catch (IllegalArgumentException | IOException e) {
        SlbEmulator.send(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
      } catch (ApiError e) {
        SlbEmulator.send(exchange, e.httpStatus(), Map.of("error", e.code() + ": " + e.getMessage()));
      }
    }
  }

  /**
   * Makes a load balancer with HTTPS listeners, as a user would with the console, so that a blocked
   * deletion can be tried by hand: {@code {"regionId":"cn-hangzhou","name":"web-lb",
   * "httpsListeners":[{"port":443,"serverCertificateId":"..."}]}}. Answers {@code {"loadBalancerId":"lb-..."}}.
   */
  private Map<String, Object> createLoadBalancer(JsonNode body) throws ApiError {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("expected {\"regionId\": ..., \"name\": ..., \"httpsListeners\": [{\"port\": 443, \"serverCertificateId\": ...}]}");
    }
    String region = body.path("regionId").asText("cn-hangzhou");
    Map<String, String> create = new java.util.HashMap<>(Map.of("RegionId", region));
    if (body.hasNonNull("name")) {
      create.put("LoadBalancerName", body.path("name").asText());
    }
    String id = String.valueOf(emulator.invoke("CreateLoadBalancer", create).get("LoadBalancerId"));
    for (JsonNode listener : body.path("httpsListeners")) {
      emulator.invoke("CreateLoadBalancerHTTPSListener", Map.of("RegionId", region, "LoadBalancerId", id, "ListenerPort",
          listener.path("port").asText("443"), "ServerCertificateId", listener.path("serverCertificateId").asText(""), "Bandwidth", "-1"));
    }
    return Map.of("loadBalancerId", id);
  }

  /** Deletes a load balancer with its listeners, as the console does ({@code ?regionId=}, cn-hangzhou by default). */
  private Map<String, Object> deleteLoadBalancer(String id, String query) throws ApiError {
    String region = query != null && query.startsWith("regionId=") ? query.substring("regionId=".length()) : "cn-hangzhou";
    emulator.invoke("DeleteLoadBalancer", Map.of("RegionId", region, "LoadBalancerId", id));
    return Map.of("deleted", id);
  }

  /**
   * Reads one fault or an array of faults: {@code {"action":"UploadServerCertificate",
   * "kind":"error"|"delay"|"commitThenFail", "code":"Throttling", "httpStatus":400,
   * "delayMs":15000, "dropConnection":false, "count":2, "probability":0.2, "seed":7}}.
   */
  static List<FaultRule> parseFaults(JsonNode node) {
    List<FaultRule> rules = new ArrayList<>();
    if (node == null) {
      throw new IllegalArgumentException("expected a JSON fault or an array of faults");
    }
    for (JsonNode f : node.isArray() ? node : List.of(node)) {
      String action = f.path("action").asText("*");
      FaultRule rule = switch (f.path("kind").asText("")) {
        case "error" -> FaultRule.error(action, f.path("code").asText("ServiceUnavailable"), f.path("httpStatus").asInt(503), f.path("count").asInt(1));
        case "delay" -> FaultRule.delay(action, f.path("delayMs").asLong(15_000), f.path("count").asInt(1));
        case "commitThenFail" -> FaultRule.commitThenFail(action, f.path("dropConnection").asBoolean(false), f.path("count").asInt(1));
        default -> throw new IllegalArgumentException("kind must be error, delay or commitThenFail");
      };
      if (f.has("probability")) {
        double p = f.path("probability").asDouble();
        if (p <= 0 || p > 1) {
          throw new IllegalArgumentException("probability must be in (0, 1]");
        }
        rule = rule.withProbability(p, f.path("seed").asLong(0));
      }
      rules.add(rule);
    }
    return rules;
  }
}
