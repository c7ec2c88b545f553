package dev.slbcert.bench;

import dev.slbcert.ccm.ServiceBinding;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.CloudControllerStandIn;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Measures the real operator against the embedded Kubernetes API and an emulator with latency and
 * a rate limit: cold start, calls per resource by phase, steady state, deletion latency, restart
 * cost and memory.
 */
final class Benchmark {
  static final String NS = "bench";
  /** SLB's regions first; beyond them, made-up ones that the emulator is told to serve. */
  static final List<String> SLB_REGIONS = List.of("cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1", "eu-central-1",
      "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-chengdu", "cn-heyuan", "cn-guangzhou", "cn-nanjing", "cn-fuzhou",
      "cn-wuhan-lr", "cn-hongkong", "ap-northeast-1", "ap-northeast-2", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6",
      "ap-southeast-7", "ap-south-1", "us-east-1", "us-west-1", "eu-west-1", "me-east-1", "me-central-1", "na-south-1");

  /**
   * @param operatorQps the operator's own limit, a little under the emulator's
   * @param separateProcess run the built jar in its own JVM (memory figures) instead of in this one
   * @param renewals Secrets renewed one after another to time renewal to Ready
   * @param quotaPerRegion the emulator's certificate quota per region; 0 for room to spare
   * @param scaleOnly cold start, memory and restart only (with the quota full, nothing can rotate)
   * @param jvmArgs extra options of the operator's JVM (for example a class-data sharing archive)
   * @param realApi run against the real API server (kube-api-test) instead of the embedded mock, which slows as it fills
   * @param submitThreads threads that submit the cold start's objects (the Secrets before the clock starts, then the
   *     ServerCertificates), so that the cold start measures the operator rather than one client's round trips
   */
  record Params(int resources, int regions, long latencyMs, double qps, double operatorQps, boolean separateProcess, String heap,
      Duration resync, int steadyPeriods, int rotations, int deletions, int blocked, Duration retryMax, int renewals, int quotaPerRegion,
      boolean scaleOnly, List<String> jvmArgs, boolean realApi, int submitThreads) {

    /** The standard run: every phase, room to spare in the quota, no extra JVM options. */
    static Params standard(int resources, int regions, long latencyMs, double qps, double operatorQps, boolean separateProcess, String heap,
        Duration resync, int steadyPeriods, int rotations, int deletions, int blocked, Duration retryMax, int renewals) {
      return new Params(resources, regions, latencyMs, qps, operatorQps, separateProcess, heap, resync, steadyPeriods, rotations, deletions,
          blocked, retryMax, renewals, 0, false, List.of(), false, 4);
    }
  }

  private final Params p;
  private final BenchReport report = new BenchReport();
  private SlbEmulator emulator;

  Benchmark(Params params) {
    this.p = params;
    report.params = params;
  }

  BenchReport run() throws Exception {
    report.machine = String.format("machine: %d cores, %s, Java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
        System.getProperty("java.version"));
    KeyPair keys = TestCertificates.rsaKeyPair();
    ReconcilerSettings settings = new ReconcilerSettings(p.resync(), Duration.ofSeconds(1), p.retryMax(), Duration.ofSeconds(15), Duration.ofSeconds(30));
    try (BenchApi kubernetes = p.realApi() ? BenchApi.real() : BenchApi.embedded();
        SlbEmulator slb = SlbEmulator.start(EmulatorSettings.defaults().withLatencyMs(p.latencyMs()).withQps(p.qps())
            .withCertificateQuota(p.quotaPerRegion() > 0 ? p.quotaPerRegion() : p.resources() * 2 + 100)
            .withExtraRegions(java.util.Set.copyOf(regions())));
        AliyunSlbClient admin = new AliyunSlbClient(SlbClientSettings.of(slb.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null))
            .withQps(2))) {
      this.emulator = slb;
      KubernetesClient kube = kubernetes.client();
      TestResources.namespace(kube, NS);
      var all = kube.resources(ServerCertificate.class).inNamespace(NS);
      OperatorUnderTest operator = p.separateProcess()
          ? new OperatorUnderTest.Separate(Path.of("target/slb-certificate-operator.jar"), kubernetes.kubeconfig(), slb.endpoint(), p.operatorQps(),
              settings, p.heap(), p.jvmArgs())
          : new OperatorUnderTest.InProcess(kubernetes::newClient, slb.endpoint(), p.operatorQps(), settings);
      try {
        Instant launch = Instant.now();
        operator.start();
        await("operator ready", Duration.ofSeconds(60), operator::isReady);
        report.launchToReady = Duration.between(launch, Instant.now());
        if (!p.scaleOnly()) {
          TestCertificates.Issued certificate = TestCertificates.selfSigned("probe.example.com", keys);
          Instant probe = Instant.now();
          create(kube, all, "probe", 0, certificate);
          await("probe Ready", Duration.ofSeconds(30), () -> OperatorHarness.isReady(all.withName("probe").get()));
          report.firstResourceReady = Duration.between(probe, Instant.now());
        }

        coldStart(kube, all, keys);
        report.heapAfterGc = operator.heapAfterGc();
        report.rss = operator.rss();
        saveProfile(operator, "cold-start");
        if (!p.scaleOnly()) {
          steadyState();
          rotation(kube, all, keys);
          renewals(kube, all, keys);
          followedRenewals(kube, all, slb, admin, keys);
          unusedDeletions(all);
          blockedDeletions(all, admin);
        }
        restart(operator, all);
        report.rssAfterRestart = operator.rss();
        saveProfile(operator, "restart");
      } finally {
        operator.close();
      }
      report.throttledTotal = throttled(slb.calls());
    }
    return report;
  }

  private void saveProfile(OperatorUnderTest operator, String label) throws Exception {
    String directory = System.getProperty("bench.profile");
    if (directory != null) {
      operator.saveProfile(Path.of(directory), label);
      if (label.equals("cold-start")) {
        java.nio.file.Files.write(Path.of(directory, "cold-start-timeline.txt"), report.coldStartTimeline);
      }
    }
  }

  /**
   * The Secrets exist first (cert-manager or another tool writes them); then the ServerCertificates are
   * submitted at once, by several threads, so that the operator rather than the submission is what is measured.
   */
  private void coldStart(KubernetesClient kube, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all,
      KeyPair keys) throws Exception {
    ExecutorService submitters = Executors.newFixedThreadPool(p.submitThreads());
    try (SharedIndexInformer<ServerCertificate> watched = all.inform()) { // Ready counted from a watch, not by listing all again and again
      List<Future<?>> secrets = new ArrayList<>();
      for (int i = 0; i < p.resources(); i++) {
        String name = name(i);
        secrets.add(submitters.submit(() -> {
          TestCertificates.Issued issued = TestCertificates.selfSigned(name + ".example.com", keys);
          kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, name, issued.chainPem(), issued.pkcs8KeyPem())).create();
        }));
      }
      // TLS Secrets no ServerCertificate names (other workloads' certificates), for the heap a Secret costs alone
      for (int i = 0; i < Integer.getInteger("bench.extraSecrets", 0); i++) {
        String name = "unreferenced-" + i;
        secrets.add(submitters.submit(() -> {
          TestCertificates.Issued issued = TestCertificates.selfSigned(name + ".example.com", keys);
          kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, name, issued.chainPem(), issued.pkcs8KeyPem())).create();
        }));
      }
      waitFor(secrets);
      Map<String, Map<String, Long>> before = emulator.calls();
      Instant start = Instant.now();
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < p.resources(); i++) {
        int index = i;
        created.add(submitters.submit(() -> all.resource(serverCertificate(name(index), index)).create()));
      }
      int expected = p.resources() + (p.scaleOnly() ? 0 : 1);
      Instant deadline = start.plusSeconds(Math.max(120, (long) (p.resources() * 6 / p.qps())));
      Instant sampled = start.minusSeconds(1);
      long ready;
      while ((ready = watched.getStore().list().stream().filter(OperatorHarness::isReady).count()) < expected) {
        if (report.coldStartSubmitted.isZero() && created.stream().allMatch(Future::isDone)) {
          report.coldStartSubmitted = Duration.between(start, Instant.now());
        }
        if (Duration.between(sampled, Instant.now()).toMillis() >= 1000) {
          sampled = Instant.now();
          report.coldStartTimeline.add(String.format("%6.1f s  created %5d  uploads %5d  Ready %5d", Duration.between(start, sampled).toMillis() / 1000.0,
              created.stream().filter(Future::isDone).count(), count(emulator.calls(), "UploadServerCertificate") - count(before, "UploadServerCertificate"),
              ready));
        }
        if (Instant.now().isAfter(deadline)) {
          var reasons = watched.getStore().list().stream().collect(java.util.stream.Collectors.groupingBy(
              sc -> String.valueOf(OperatorHarness.readyReason(sc)), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
          throw new IllegalStateException("benchmark step 'cold start' did not finish by " + deadline + ": Ready reasons " + reasons
              + "; last sample " + (report.coldStartTimeline.isEmpty() ? "none" : report.coldStartTimeline.get(report.coldStartTimeline.size() - 1)));
        }
        Thread.sleep(50);
      }
      report.coldStart = Duration.between(start, Instant.now());
      if (report.coldStartSubmitted.isZero()) {
        report.coldStartSubmitted = report.coldStart;
      }
      waitFor(created);
      Map<String, Long> diff = diff(before, emulator.calls());
      report.coldStartCalls = diff.values().stream().mapToLong(Long::longValue).sum();
      report.throttledDuringColdStart = throttled(emulator.calls()) - throttled(before);
      report.callsPerResource.put("create", perResource(diff, p.resources()));
    } finally {
      submitters.shutdownNow();
    }
  }

  private static void waitFor(List<Future<?>> tasks) throws Exception {
    for (Future<?> task : tasks) {
      task.get();
    }
  }

  private static long count(Map<String, Map<String, Long>> calls, String action) {
    return calls.getOrDefault(action, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  private void steadyState() throws InterruptedException {
    Map<String, Map<String, Long>> before = emulator.calls();
    Duration window = p.resync().multipliedBy(p.steadyPeriods());
    Thread.sleep(window.toMillis()); // the measuring window itself
    Map<String, Long> diff = diff(before, emulator.calls());
    report.steadyWindow = window;
    Map<String, Long> perHour = new TreeMap<>();
    diff.forEach((action, n) -> perHour.put(action, Math.round(n * 3600.0 / window.toSeconds())));
    report.steadyPerHour = perHour;
  }

  private void rotation(KubernetesClient kube, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all,
      KeyPair keys) throws Exception {
    Map<String, Map<String, Long>> before = emulator.calls();
    Map<String, String> oldFingerprints = new HashMap<>();
    for (int i = 0; i < p.rotations(); i++) {
      oldFingerprints.put(name(i), all.withName(name(i)).get().getStatus().getFingerprint());
      TestCertificates.Issued renewed = TestCertificates.selfSigned(name(i) + "-v2.example.com", keys);
      kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, name(i), renewed.chainPem(), renewed.pkcs8KeyPem())).update();
    }
    await("rotation", Duration.ofSeconds(Math.max(120, (long) (p.rotations() * 8 / p.qps()))), () -> oldFingerprints.entrySet().stream().allMatch(e -> {
      var status = all.withName(e.getKey()).get().getStatus();
      return !e.getValue().equals(status.getFingerprint()) && status.getRetiredCertificates() == null;
    }));
    report.callsPerResource.put("rotation", perResource(diff(before, emulator.calls()), p.rotations()));
  }

  /** One Secret renewed at a time: from the Secret's update to its new certificate Ready in status. */
  private void renewals(KubernetesClient kube, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all,
      KeyPair keys) throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (int i = p.rotations(); i < p.rotations() + p.renewals(); i++) {
      String name = name(i);
      TestCertificates.Issued renewed = TestCertificates.selfSigned(name + "-renewed.example.com", keys);
      String fingerprint = dev.slbcert.tls.CertificateBundle.fingerprint(renewed.certificate());
      Instant start = Instant.now();
      kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, name, renewed.chainPem(), renewed.pkcs8KeyPem())).update();
      await("renewal of " + name, Duration.ofSeconds(60), () -> {
        ServerCertificate sc = all.withName(name).get();
        return fingerprint.equalsIgnoreCase(sc.getStatus().getFingerprint()) && OperatorHarness.isReady(sc);
      }, 5);
      latencies.add(Duration.between(start, Instant.now()).toMillis());
    }
    latencies.sort(Long::compare);
    report.renewalMs = latencies;
  }

  /**
   * Renewals whose listener follows through a bound Service (the CCM stand-in moves it), one at a
   * time: from the Secret's update to the deletion of the certificate it replaced. The Services are
   * removed after, so that the phases that follow measure what they did before.
   */
  private void followedRenewals(KubernetesClient kube, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>,
      Resource<ServerCertificate>> all, SlbEmulator slb, AliyunSlbClient admin, KeyPair keys) throws Exception {
    String region = region(0);
    List<Integer> followers = new ArrayList<>();
    for (int i = p.rotations() + p.renewals(); followers.size() < Math.min(p.renewals(), 20) && i < p.resources() - p.deletions() - p.blocked(); i++) {
      if (region(i).equals(region)) {
        followers.add(i);
      }
    }
    String lb = admin.createLoadBalancer(region, "bench-follow-lb");
    List<Long> latencies = new ArrayList<>();
    try (AliyunSlbClient ccmSlb = new AliyunSlbClient(SlbClientSettings.of(slb.endpoint(), new SlbCredentials.StaticKeys("emulator", "emulator", null))
            .withQps(0));
        CloudControllerStandIn ccm = new CloudControllerStandIn(kube, ccmSlb, region)) {
      for (int i : followers) {
        kube.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName(name(i)).withNamespace(NS)
            .addToLabels(ServiceBinding.LABEL, name(i)).addToLabels(ServiceBinding.LOAD_BALANCER_LABEL, lb)
            .addToAnnotations(CloudControllerStandIn.PROTOCOL_PORT_ANNOTATION, "https:" + (4000 + i)).endMetadata()
            .withNewSpec().withType("LoadBalancer").addNewPort().withPort(4000 + i).endPort().endSpec().build()).create();
      }
      await("bound listeners serve their certificates", Duration.ofSeconds(60), () -> followers.stream().allMatch(i ->
          all.withName(name(i)).get().getStatus().getServerCertificateId().equals(listenerCertificate(lb, 4000 + i))));
      for (int i : followers) {
        String replaced = all.withName(name(i)).get().getStatus().getServerCertificateId();
        TestCertificates.Issued renewed = TestCertificates.selfSigned(name(i) + "-followed.example.com", keys);
        Instant start = Instant.now();
        kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, name(i), renewed.chainPem(), renewed.pkcs8KeyPem())).update();
        await("retired certificate of " + name(i) + " deleted", Duration.ofSeconds(60),
            () -> slb.snapshot().certificatesIn(region).stream().noneMatch(c -> c.id().equals(replaced)), 5);
        latencies.add(Duration.between(start, Instant.now()).toMillis());
      }
      kube.services().inNamespace(NS).delete();
      await("bound listeners removed", Duration.ofSeconds(60), () -> followers.stream().allMatch(i -> listenerCertificate(lb, 4000 + i) == null));
    }
    latencies.sort(Long::compare);
    report.followedRenewalMs = latencies;
  }

  /** The certificate a listener of the emulator serves, or null when it has no such listener. */
  private String listenerCertificate(String loadBalancerId, int port) {
    return emulator.snapshot().loadBalancers().stream().filter(b -> b.id().equals(loadBalancerId)).flatMap(b -> b.listeners().stream())
        .filter(l -> l.port() == port).map(l -> l.serverCertificateId()).findFirst().orElse(null);
  }

  private void unusedDeletions(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all)
      throws Exception {
    Map<String, Map<String, Long>> before = emulator.calls();
    List<Long> latencies = new ArrayList<>();
    for (int i = p.resources() - 1; i >= p.resources() - p.deletions(); i--) {
      String name = name(i);
      Instant start = Instant.now();
      all.withName(name).delete();
      await("deletion of " + name, Duration.ofSeconds(60), () -> all.withName(name).get() == null, 5);
      latencies.add(Duration.between(start, Instant.now()).toMillis());
    }
    latencies.sort(Long::compare);
    report.unusedDeletionMs = latencies;
    report.callsPerResource.put("deletion", perResource(diff(before, emulator.calls()), p.deletions()));
  }

  private void blockedDeletions(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all,
      AliyunSlbClient admin) throws Exception {
    Map<Integer, String> listeners = new LinkedHashMap<>();
    Map<String, String> lbByRegion = new HashMap<>();
    int first = p.resources() - p.deletions() - p.blocked();
    for (int i = first; i < first + p.blocked(); i++) {
      String region = region(i);
      String lb = lbByRegion.computeIfAbsent(region, r -> {
        try {
          return admin.createLoadBalancer(r, "bench-lb");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      admin.createHttpsListener(region, lb, 2000 + i, all.withName(name(i)).get().getStatus().getServerCertificateId());
      listeners.put(i, lb);
      all.withName(name(i)).delete();
    }
    await("deletions blocked", Duration.ofSeconds(120), () -> listeners.keySet().stream()
        .allMatch(i -> OperatorHarness.condition(all.withName(name(i)).get(), Conditions.DELETION_BLOCKED) != null));
    List<Long> latencies = new ArrayList<>();
    for (var listener : listeners.entrySet()) {
      int i = listener.getKey();
      Instant start = Instant.now();
      admin.deleteListener(region(i), listener.getValue(), 2000 + i);
      await("release of " + name(i), p.retryMax().multipliedBy(3), () -> all.withName(name(i)).get() == null, 20);
      latencies.add(Duration.between(start, Instant.now()).toMillis());
    }
    latencies.sort(Long::compare);
    report.releasedDeletionMs = latencies;
  }

  private void restart(OperatorUnderTest operator, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all)
      throws Exception {
    operator.close();
    int remaining = all.list().getItems().size();
    Map<String, Map<String, Long>> before = emulator.calls();
    Instant start = Instant.now();
    operator.start();
    await("restart ready", Duration.ofSeconds(60), operator::isReady);
    await("restart reconciled", Duration.ofSeconds(120), () -> operator.reconciliations() >= remaining);
    report.restartToReconciled = Duration.between(start, Instant.now());
    report.restartCalls = diff(before, emulator.calls());
  }

  private void create(KubernetesClient kube, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all,
      String name, int i, TestCertificates.Issued issued) {
    kube.secrets().inNamespace(NS).resource(TestResources.tlsSecret(NS, name, issued.chainPem(), issued.pkcs8KeyPem())).create();
    all.resource(serverCertificate(name, i)).create();
  }

  private ServerCertificate serverCertificate(String name, int i) {
    ServerCertificate sc = TestResources.serverCertificate(NS, name, name);
    sc.getSpec().setRegionId(region(i));
    return sc;
  }


  private String region(int i) {
    return regions().get(i % p.regions());
  }

  private List<String> regions() {
    List<String> regions = new ArrayList<>();
    for (int i = 0; i < p.regions(); i++) {
      regions.add(i < SLB_REGIONS.size() ? SLB_REGIONS.get(i) : String.format("xx-bench%02d", i));
    }
    return regions;
  }

  static String name(int i) {
    return String.format("b-%05d", i);
  }

  private static Map<String, Long> diff(Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
    Map<String, Long> diff = new TreeMap<>();
    after.forEach((action, outcomes) -> {
      long now = outcomes.values().stream().mapToLong(Long::longValue).sum();
      long then = before.getOrDefault(action, Map.of()).values().stream().mapToLong(Long::longValue).sum();
      if (now - then > 0) {
        diff.put(action, now - then);
      }
    });
    return diff;
  }

  private static Map<String, Double> perResource(Map<String, Long> diff, int resources) {
    Map<String, Double> per = new TreeMap<>();
    diff.forEach((action, n) -> per.put(action, n / (double) resources));
    return per;
  }

  private static long throttled(Map<String, Map<String, Long>> calls) {
    return calls.values().stream().mapToLong(m -> m.entrySet().stream().filter(e -> e.getKey().startsWith("Throttling"))
        .mapToLong(Map.Entry::getValue).sum()).sum();
  }

  private static void await(String what, Duration bound, BooleanSupplier done) throws Exception {
    await(what, bound, done, 200);
  }

  private static void await(String what, Duration bound, BooleanSupplier done, long pollMs) throws Exception {
    Instant deadline = Instant.now().plus(bound);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("benchmark step '" + what + "' did not finish within " + bound.toSeconds() + " s");
      }
      Thread.sleep(pollMs);
    }
  }
}
