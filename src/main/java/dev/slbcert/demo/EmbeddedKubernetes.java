package dev.slbcert.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * An in-process Kubernetes API (the fabric8 mock server in CRUD mode) with the ServerCertificate
 * CRD applied, for the demo and the tests. It stores objects, serves watches and honours
 * finalizers; it does not enforce schemas or CEL rules.
 */
public final class EmbeddedKubernetes implements AutoCloseable {
  public static final String CRD_RESOURCE = "/META-INF/fabric8/servercertificates.slbcert.dev-v1.yml";

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private EmbeddedKubernetes(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  public static EmbeddedKubernetes start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
    server.init();
    EmbeddedKubernetes kubernetes = new EmbeddedKubernetes(server);
    kubernetes.client.apiextensions().v1().customResourceDefinitions().resource(crd()).create();
    return kubernetes;
  }

  /** The CRD the build generated from the model. */
  public static CustomResourceDefinition crd() {
    try (InputStream in = EmbeddedKubernetes.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CRD_RESOURCE + " is not on the classpath; build with mvn package");
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client of this API. */
  public KubernetesClient client() {
    return client;
  }

  /** A new client (each operator instance gets its own). */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  /** The next {@code times} PATCHes of this path answer 409 Conflict, as an API server does when another writer won. */
  public void injectPatchConflicts(String path, int times) {
    server.expect().patch().withPath(path)
        .andReturn(409, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,"
            + "\"message\":\"the object has been modified; please apply your changes to the latest version and try again\"}")
        .times(times);
  }

  /** A new client that sends this User-Agent (to tell its requests apart). */
  public KubernetesClient newClient(String userAgent) {
    return server.createClient(builder -> builder.editOrNewConfig().withUserAgent(userAgent).endConfig());
  }

  /** Every request received since the last call: "METHOD path" with its User-Agent. */
  public java.util.List<String[]> takeRequests() throws InterruptedException {
    java.util.List<String[]> requests = new java.util.ArrayList<>();
    for (var r = server.takeRequest(1, java.util.concurrent.TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(1, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      requests.add(new String[] {r.getMethod(), r.getPath(), String.valueOf(r.getHeader("User-Agent"))});
    }
    return requests;
  }

  /** Writes a kubeconfig that points at this API, for a separate process (the operator's jar). */
  public java.nio.file.Path writeKubeconfig() throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("embedded-kubeconfig", ".yaml");
    java.nio.file.Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: embedded\n  cluster: {server: \"" + url()
        + "\"}\ncontexts:\n- name: embedded\n  context: {cluster: embedded, user: embedded}\ncurrent-context: embedded\n"
        + "users:\n- name: embedded\n  user: {token: embedded}\n");
    return file;
  }

  public String url() {
    return server.url("/");
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
