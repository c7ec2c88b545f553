package dev.slbcert.soak;

import dev.slbcert.ccm.ServiceBinding;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.ListenerRotation;
import dev.slbcert.demo.CloudControllerStandIn;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.demo.EmbeddedKubernetes;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.FaultRule;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.reconciler.CertificateNaming;
import dev.slbcert.reconciler.ReconcilerSettings;
import dev.slbcert.runtime.OperatorRuntime;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.RetryPolicy;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A seeded, reproducible soak of the real operator against the embedded Kubernetes API and the SLB
 * emulator: create, restart, rotate, rename, block some deletions on listeners, restart, delete,
 * release; with faults on every SLB action and conflicts on status writes.
 */
final class Soak {
  static final String NS = "soak";
  static final String REGION = OperatorHarness.REGION;
  // a sixth of the resources are kept by Retain, all in one namespace: far past the default limit, as an administrator may allow
  private static final ReconcilerSettings SETTINGS = new ReconcilerSettings(
      Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3)).withRetainLimit(100_000);
  private static final Duration READ_TIMEOUT = Duration.ofMillis(800);

  private final int resources;
  private final long seed;
  private final Duration phaseBound;
  private final SoakReport report = new SoakReport();
  private final Map<String, Boolean> retainedByUid = new ConcurrentHashMap<>();
  /** The certificates of resources deleted with Retain (released: no owner tag, the releasing namespace in released-by). */
  private final Set<String> retainedIds = ConcurrentHashMap.newKeySet();

  Soak(int resources, long seed, Duration phaseBound) {
    this.resources = resources;
    this.seed = seed;
    this.phaseBound = phaseBound;
  }

  SoakReport run() throws Exception {
    report.resources = resources;
    Instant start = Instant.now();
    KeyPair rsa = TestCertificates.rsaKeyPair();
    try (EmbeddedKubernetes kubernetes = EmbeddedKubernetes.start();
        SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults().withCertificateQuota(resources * 3 + 10));
        AliyunSlbClient operatorSlb = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), keys()).withQps(100)
            .withReadTimeout(READ_TIMEOUT).withRetry(new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(500))));
        AliyunSlbClient admin = new AliyunSlbClient(SlbClientSettings.of(emulator.endpoint(), keys()).withQps(0)
            .withRetry(new RetryPolicy(10, Duration.ofMillis(20), Duration.ofMillis(200))))) {
      KubernetesClient kube = kubernetes.client();
      TestResources.namespace(kube, NS);
      var all = kube.resources(ServerCertificate.class).inNamespace(NS);
      Watch watch = watchDeletions(all, emulator);
      Operator operator = new Operator(kubernetes, operatorSlb);
      stateOf = () -> all.list().getItems().stream().map(sc -> sc.getMetadata().getName() + "=" + OperatorHarness.readyReason(sc)
          + (OperatorHarness.condition(sc, Conditions.DELETION_BLOCKED) == null ? "" : "/blocked")
          + (sc.getMetadata().getDeletionTimestamp() == null ? "" : "/deleting")).collect(Collectors.joining(", "));
      try {
        injectFaults(emulator);
        injectConflicts(kubernetes);

        phase("create " + resources + " and reach Ready", () -> {
          for (int i = 0; i < resources; i++) {
            kube.secrets().inNamespace(NS).resource(secret(i, rsa, "v1")).create();
            ServerCertificate sc = TestResources.serverCertificate(NS, name(i), name(i));
            if (retained(i)) {
              sc.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
            }
            all.resource(sc).create();
          }
        }, () -> allReady(all));
        all.list().getItems().forEach(sc -> retainedByUid.put(sc.getMetadata().getUid(), sc.getSpec().getDeletionPolicy() == DeletionPolicy.Retain));
        checkOneCertificateEach(all, emulator, "after create");

        phase("operator restart 1", operator::restart, () -> allReady(all));

        Map<String, String> firstFingerprints = new HashMap<>();
        all.list().getItems().forEach(sc -> firstFingerprints.put(sc.getMetadata().getName(), sc.getStatus().getFingerprint()));
        phase("rotate every Secret", () -> {
          for (int i = 0; i < resources; i++) {
            int n = i;
            kube.secrets().inNamespace(NS).withName(name(i)).edit(s -> secret(n, rsa, "v2"));
          }
        }, () -> allReady(all) && noneRetired(all) && emulator.snapshot().certificatesIn(REGION).size() == resources
            && all.list().getItems().stream().noneMatch(sc -> sc.getStatus().getFingerprint().equals(firstFingerprints.get(sc.getMetadata().getName()))));
        checkOneCertificateEach(all, emulator, "after rotation");

        phase("rename every certificate", () -> {
          for (int i = 0; i < resources; i++) {
            all.withName(name(i)).edit(sc -> {
              sc.getSpec().setCertificateName("renamed-" + sc.getMetadata().getName());
              return sc;
            });
          }
        }, () -> emulator.snapshot().certificatesIn(REGION).stream().allMatch(c -> c.name().startsWith("renamed-")) && allReady(all));
        checkOneCertificateEach(all, emulator, "after rename");

        followListeners(kube, all, emulator, admin, rsa);

        Map<Integer, String> listeners = new HashMap<>();
        phase("attach a third to HTTPS listeners", () -> {
          String lb = admin.createLoadBalancer(REGION, "soak-lb");
          for (int i = 0; i < resources; i += 3) {
            String id = all.withName(name(i)).get().getStatus().getServerCertificateId();
            try {
              admin.createHttpsListener(REGION, lb, 1000 + i, id);
            } catch (SlbException e) {
              if (!"ListenerAlreadyExists".equals(e.errorCode())) { // a retry after an answer the fault dropped
                throw e;
              }
            }
            listeners.put(1000 + i, lb);
          }
        }, () -> true);

        phase("delete all; a third stay blocked", () -> {
          for (int i = 0; i < resources; i++) {
            if (retained(i)) { // Retain releases the certificate: its tags name the namespace, no longer the resource
              retainedIds.add(all.withName(name(i)).get().getStatus().getServerCertificateId());
            }
            all.withName(name(i)).delete();
          }
          operator.restart();
        }, () -> blockedOnlyWhereListeners(all));

        phase("remove the listeners; all gone", () -> {
          for (var listener : listeners.entrySet()) {
            try {
              admin.deleteListener(REGION, listener.getValue(), listener.getKey());
            } catch (SlbException e) {
              if (e.kind() != SlbException.Kind.NOT_FOUND) { // a retry after an answer the fault dropped
                throw e;
              }
            }
          }
        }, () -> all.list().getItems().isEmpty());

        countOrphans(emulator);
      } finally {
        operator.close();
        watch.close();
        report.callsByAction = emulator.calls();
        report.faultsByKind = emulator.faultsInjected();
      }
    }
    report.total = Duration.between(start, Instant.now());
    return report;
  }

  /**
   * A third of the resources get a listener that must follow their renewals: half through a bound
   * Service (the CCM stand-in moves the listener), half with listenerRotation Rebind (the operator
   * moves it). Their Secrets are rotated; every such listener must end on its resource's current
   * certificate, with nothing retired left. Then the Services and Rebind listeners are removed.
   */
  private void followListeners(KubernetesClient kube, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>,
      Resource<ServerCertificate>> all, SlbEmulator emulator, AliyunSlbClient admin, KeyPair keys) throws Exception {
    Map<String, Integer> followers = new LinkedHashMap<>();
    Set<String> throughServices = new java.util.HashSet<>();
    String lb = admin.createLoadBalancer(REGION, "soak-follow-lb");
    try (CloudControllerStandIn ccm = new CloudControllerStandIn(kube, admin, REGION)) {
      phase("bind Services and Rebind listeners", () -> {
        for (int i = 1; i < resources; i += 3) {
          String name = name(i);
          int port = 3000 + i;
          if ((i / 3) % 2 == 0) {
            editSpec(all, name, spec -> spec.setListenerRotation(ListenerRotation.Rebind));
            createListener(admin, lb, port, all.withName(name).get().getStatus().getServerCertificateId());
          } else {
            throughServices.add(name);
            kube.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(ServiceBinding.LABEL, name).addToLabels(ServiceBinding.LOAD_BALANCER_LABEL, lb)
                .addToAnnotations(CloudControllerStandIn.PROTOCOL_PORT_ANNOTATION, "https:" + port).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withPort(port).endPort().endSpec().build()).create();
          }
          followers.put(name, port);
        }
      }, () -> listenersOnCurrent(all, emulator, lb, followers));
      Map<String, String> before = new HashMap<>();
      followers.keySet().forEach(n -> before.put(n, all.withName(n).get().getStatus().getServerCertificateId()));
      RetiredDeletionClock deletions = new RetiredDeletionClock(emulator);
      var readiness = stateOf;
      stateOf = () -> readiness.get() + "; followers not there yet: " + followerState(kube, all, emulator, lb, followers);
      phase("rotate their Secrets; listeners follow", () -> {
        for (String name : followers.keySet()) {
          int n = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
          kube.secrets().inNamespace(NS).withName(name).edit(s -> secret(n, keys, "v3"));
          deletions.renewed(before.get(name), throughServices.contains(name));
        }
      }, () -> allReady(all) && noneRetired(all) && emulator.snapshot().certificatesIn(REGION).size() == resources
          && followers.keySet().stream().noneMatch(n -> before.get(n).equals(all.withName(n).get().getStatus().getServerCertificateId()))
          && listenersOnCurrent(all, emulator, lb, followers));
      deletions.close();
      stateOf = readiness;
      report.retiredDeletedThroughService = deletions.times(true);
      report.retiredDeletedByRebind = deletions.times(false);
      checkOneCertificateEach(all, emulator, "after the listeners followed");
      report.listenersFollowed = followers.size();
      phase("unbind the Services, remove the Rebind listeners", () -> {
        kube.services().inNamespace(NS).delete();
        ccm.close(); // from here on nothing sets listeners back; the check below removes what is left
        for (var follower : followers.entrySet()) {
          editSpec(all, follower.getKey(), spec -> spec.setListenerRotation(ListenerRotation.Manual));
        }
      }, () -> {
        for (int port : followers.values()) {
          try {
            admin.deleteListener(REGION, lb, port); // the Rebind ones, and any a Service's deletion left behind
          } catch (SlbException e) {
            // already gone, or a fault: the next check tries again
          }
        }
        return emulator.snapshot().loadBalancers().stream().filter(b -> b.id().equals(lb)).allMatch(b -> b.listeners().isEmpty());
      });
    }
  }

  /**
   * Times each renewal of a follower to the deletion of the certificate it replaced: samples the
   * emulator's certificates every 50 ms until closed.
   */
  private static final class RetiredDeletionClock implements AutoCloseable {
    private record Renewal(Instant at, boolean throughService) {}

    private final Map<String, Renewal> waiting = new ConcurrentHashMap<>();
    private final Map<String, Duration> deleted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> throughService = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    RetiredDeletionClock(SlbEmulator emulator) {
      sampler.scheduleWithFixedDelay(() -> {
        Set<String> present = emulator.snapshot().certificates().stream().map(EmulatorSnapshot.Certificate::id).collect(Collectors.toSet());
        Instant now = Instant.now();
        waiting.forEach((id, renewal) -> {
          if (!present.contains(id) && waiting.remove(id) != null) {
            deleted.put(id, Duration.between(renewal.at(), now));
            throughService.put(id, renewal.throughService());
          }
        });
      }, 0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The Secret of the resource whose current certificate is {@code replacedId} was just renewed. */
    void renewed(String replacedId, boolean viaService) {
      waiting.put(replacedId, new Renewal(Instant.now(), viaService));
    }

    List<Duration> times(boolean viaService) {
      return deleted.entrySet().stream().filter(e -> throughService.get(e.getKey()) == viaService).map(Map.Entry::getValue).sorted().toList();
    }

    @Override
    public void close() {
      sampler.shutdownNow();
    }
  }

  /** Changes a spec as a user would: read, change, write; again when the operator wrote in between (409). */
  private static void editSpec(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all,
      String name, java.util.function.Consumer<dev.slbcert.api.v1alpha1.ServerCertificateSpec> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        all.withName(name).edit(sc -> {
          change.accept(sc.getSpec());
          return sc;
        });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 10) {
          throw e;
        }
      }
    }
  }

  private static void createListener(AliyunSlbClient admin, String lb, int port, String certificateId) throws SlbException {
    try {
      admin.createHttpsListener(REGION, lb, port, certificateId);
    } catch (SlbException e) {
      if (!"ListenerAlreadyExists".equals(e.errorCode())) { // a retry after an answer the fault dropped
        throw e;
      }
    }
  }

  /** Every follower's listener serves its resource's current certificate. */
  private static boolean listenersOnCurrent(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>,
      Resource<ServerCertificate>> all, SlbEmulator emulator, String lb, Map<String, Integer> followers) {
    Map<Integer, String> byPort = new HashMap<>();
    emulator.snapshot().loadBalancers().stream().filter(b -> b.id().equals(lb)).flatMap(b -> b.listeners().stream())
        .forEach(l -> byPort.put(l.port(), l.serverCertificateId()));
    return followers.entrySet().stream().allMatch(f -> {
      ServerCertificate sc = all.withName(f.getKey()).get();
      return sc.getStatus() != null && sc.getStatus().getServerCertificateId() != null && sc.getStatus().getServerCertificateId().equals(byPort.get(f.getValue()));
    });
  }

  /**
   * For each follower whose listener or retired certificates are not settled: its current id, what
   * its status still waits to delete (and by whom), its certificates in SLB, the listener's
   * certificate, and its Service's cert-id annotation and CCM hash label.
   */
  private static String followerState(KubernetesClient kube, NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>,
      Resource<ServerCertificate>> all, SlbEmulator emulator, String lb, Map<String, Integer> followers) {
    EmulatorSnapshot snapshot = emulator.snapshot();
    Map<Integer, String> byPort = new HashMap<>();
    snapshot.loadBalancers().stream().filter(b -> b.id().equals(lb)).flatMap(b -> b.listeners().stream())
        .forEach(l -> byPort.put(l.port(), l.serverCertificateId()));
    List<String> unsettled = new ArrayList<>();
    for (var follower : followers.entrySet()) {
      ServerCertificate sc = all.withName(follower.getKey()).get();
      String current = sc.getStatus() == null ? null : sc.getStatus().getServerCertificateId();
      var retired = sc.getStatus() == null || sc.getStatus().getRetiredCertificates() == null ? List.<RetiredCertificate>of()
          : sc.getStatus().getRetiredCertificates();
      List<String> inSlb = snapshot.certificatesIn(REGION).stream().filter(c -> sc.getMetadata().getUid().equals(c.tags().get(OwnershipTags.OWNER)))
          .map(EmulatorSnapshot.Certificate::id).toList();
      String listener = byPort.get(follower.getValue());
      if (current != null && current.equals(listener) && retired.isEmpty() && inSlb.size() == 1) {
        continue;
      }
      var service = kube.services().inNamespace(NS).withName(follower.getKey()).get();
      unsettled.add(follower.getKey() + "{current=" + current + ", retired=" + retired.stream()
          .map(r -> r.getServerCertificateId() + r.getInUseBy().stream().map(u -> u.getLoadBalancerId() + ":" + u.getListenerPort()).toList()).toList()
          + ", inSlb=" + inSlb + ", listener=" + listener
          + (service == null ? "" : ", service cert-id=" + ServiceBinding.certificateIdOf(service) + " hash="
              + service.getMetadata().getLabels().get(CloudControllerStandIn.HASH_LABEL))
          + ", ready=" + OperatorHarness.condition(sc, Conditions.READY) + "}");
    }
    return String.join("; ", unsettled);
  }

  /** Seeded fault probabilities per call, in the order they are drawn. */
  static final double[] FAULT_RATES = {0.11, 0.07, 0.05, 0.03, 0.02};

  /** The share of calls that meet some fault: 1 - the product of (1 - rate). */
  static double combinedFaultRate() {
    double none = 1;
    for (double rate : FAULT_RATES) {
      none *= 1 - rate;
    }
    return 1 - none;
  }

  /** Independent seeded faults on every action; a quarter of calls meet one. */
  private void injectFaults(SlbEmulator emulator) {
    emulator.addFault(FaultRule.error("*", "Throttling.User", 400, 0).withProbability(FAULT_RATES[0], seed));
    emulator.addFault(FaultRule.error("*", "ServiceUnavailable", 503, 0).withProbability(FAULT_RATES[1], seed + 1));
    emulator.addFault(FaultRule.delay("*", READ_TIMEOUT.toMillis() + 400, 0).withProbability(FAULT_RATES[2], seed + 2));
    emulator.addFault(FaultRule.commitThenFail("*", true, 0).withProbability(FAULT_RATES[3], seed + 3));
    emulator.addFault(FaultRule.commitThenFail("*", false, 0).withProbability(FAULT_RATES[4], seed + 4));
  }

  /** Status writes of every seventh resource answer 409 twice. */
  private void injectConflicts(EmbeddedKubernetes kubernetes) {
    Random random = new Random(seed);
    for (int i = 0; i < resources; i++) {
      if (random.nextInt(7) == 0) {
        kubernetes.injectPatchConflicts("/apis/slbcert.dev/v1alpha1/namespaces/" + NS + "/servercertificates/" + name(i) + "/status", 2);
        report.conflictsInjected += 2;
      }
    }
  }

  private Watch watchDeletions(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all, SlbEmulator emulator) {
    return all.watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ServerCertificate sc) {
        if (action != Action.DELETED || Boolean.TRUE.equals(retainedByUid.get(sc.getMetadata().getUid()))) {
          return;
        }
        List<EmulatorSnapshot.Certificate> left = ownedBy(emulator, sc.getMetadata().getUid());
        if (!left.isEmpty()) {
          report.disappearedWithCertificate++;
          report.violations.add(sc.getMetadata().getName() + " disappeared while SLB still held " + left.stream().map(EmulatorSnapshot.Certificate::id).toList());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  private void checkOneCertificateEach(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all, SlbEmulator emulator, String when) {
    Map<String, Long> perOwner = emulator.snapshot().certificatesIn(REGION).stream()
        .collect(Collectors.groupingBy(c -> String.valueOf(c.tags().get(OwnershipTags.OWNER)), Collectors.counting()));
    for (ServerCertificate sc : all.list().getItems()) {
      long count = perOwner.getOrDefault(sc.getMetadata().getUid(), 0L);
      if (count != 1) {
        report.duplicatesSeen += Math.max(0, count - 1);
        report.violations.add(when + ": " + sc.getMetadata().getName() + " has " + count + " certificates in SLB");
      }
    }
    long unowned = perOwner.getOrDefault("null", 0L);
    if (unowned > 0) {
      report.duplicatesSeen += unowned;
      report.violations.add(when + ": " + unowned + " certificates carry no owner tag");
    }
  }

  private void countOrphans(SlbEmulator emulator) {
    for (EmulatorSnapshot.Certificate c : emulator.snapshot().certificates()) {
      String owner = c.tags().get(OwnershipTags.OWNER);
      if (retainedIds.contains(c.id()) && owner == null || owner != null && Boolean.TRUE.equals(retainedByUid.get(owner))) {
        report.retainedLeft++;
        if (owner == null && !String.valueOf(c.tags().get(OwnershipTags.RELEASED_BY)).startsWith(NS + "@")) {
          report.violations.add("certificate " + c.id() + " kept by Retain does not say which namespace released it: " + c.tags());
        }
      } else {
        report.orphansAtEnd++;
        report.violations.add("orphan certificate " + c.id() + " (owner " + owner + ")");
      }
    }
  }

  private boolean allReady(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all) {
    List<ServerCertificate> items = all.list().getItems();
    return items.size() == resources && items.stream().allMatch(sc -> OperatorHarness.isReady(sc)
        && sc.getStatus().getObservedGeneration() != null && sc.getStatus().getObservedGeneration().equals(sc.getMetadata().getGeneration()));
  }

  private static boolean noneRetired(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all) {
    return all.list().getItems().stream().allMatch(sc -> sc.getStatus().getRetiredCertificates() == null);
  }

  private boolean blockedOnlyWhereListeners(NonNamespaceOperation<ServerCertificate, KubernetesResourceList<ServerCertificate>, Resource<ServerCertificate>> all) {
    Set<String> left = all.list().getItems().stream().map(sc -> sc.getMetadata().getName()).collect(Collectors.toSet());
    Set<String> expected = new java.util.HashSet<>();
    for (int i = 0; i < resources; i += 3) {
      if (!retained(i)) { // Retain lets a resource go even while its certificate is in use
        expected.add(name(i));
      }
    }
    return left.equals(expected) && all.list().getItems().stream()
        .allMatch(sc -> OperatorHarness.condition(sc, Conditions.DELETION_BLOCKED) != null);
  }

  private static List<EmulatorSnapshot.Certificate> ownedBy(SlbEmulator emulator, String uid) {
    return emulator.snapshot().certificates().stream().filter(c -> uid.equals(c.tags().get(OwnershipTags.OWNER))).toList();
  }

  /** Runs {@code action}, then waits for {@code done} within the bound; records the time or a violation. */
  private java.util.function.Supplier<String> stateOf = () -> "";

  private void phase(String name, ThrowingRunnable action, BooleanSupplier done) throws Exception {
    Instant start = Instant.now();
    action.run();
    Instant deadline = start.plus(phaseBound);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        report.violations.add("phase '" + name + "' did not converge within " + phaseBound.toSeconds() + " s: " + stateOf.get());
        break;
      }
      Thread.sleep(200);
    }
    report.phases.put(name, Duration.between(start, Instant.now()));
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** The operator under test, restartable. */
  private final class Operator implements AutoCloseable {
    private final EmbeddedKubernetes kubernetes;
    private final AliyunSlbClient slb;
    private OperatorRuntime runtime;
    private KubernetesClient client;

    Operator(EmbeddedKubernetes kubernetes, AliyunSlbClient slb) {
      this.kubernetes = kubernetes;
      this.slb = slb;
      start();
    }

    private synchronized void start() {
      client = kubernetes.newClient();
      // a watch that stops for good ends the operator's process, which Kubernetes starts again: the same here
      runtime = new OperatorRuntime(client, slb, SETTINGS, Set.of(NS), Clock.systemUTC())
          .onWatchStopped(() -> new Thread(() -> {
            synchronized (this) {
              report.watchRestarts++;
              close();
              start();
            }
          }).start())
          .start();
    }

    synchronized void restart() {
      close();
      report.restarts++;
      start();
    }

    @Override
    public synchronized void close() {
      if (runtime != null) {
        runtime.close();
        client.close();
        runtime = null;
      }
    }
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(int i, KeyPair keys, String version) {
    TestCertificates.Issued issued = TestCertificates.selfSigned(name(i) + "-" + version + ".example.com", keys);
    return TestResources.tlsSecret(NS, name(i), issued.chainPem(), issued.pkcs8KeyPem());
  }

  /** Every tenth resource keeps its certificate when deleted. */
  static boolean retained(int i) {
    return i % 10 == 1;
  }

  static String name(int i) {
    return String.format("c-%04d", i);
  }

  private static SlbCredentials keys() {
    return new SlbCredentials.StaticKeys("emulator", "emulator", null);
  }
}
