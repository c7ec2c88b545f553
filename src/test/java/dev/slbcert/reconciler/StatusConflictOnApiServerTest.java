package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.isReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Status writes that lose the race against another writer on a real API server (409 Conflict) are retried and converge. */
class StatusConflictOnApiServerTest {
  @RegisterExtension static final OperatorHarness H = OperatorHarness.onRealApiServer();
  private static final int RESOURCES = 6;

  @Test
  void statusWritesThatMeetConflictsFromAnotherWriterConverge() throws Exception {
    int conflictsBefore = statusConflicts();
    List<String> names = IntStream.range(0, RESOURCES).mapToObj(i -> "busy-" + i).toList();
    names.forEach(n -> H.createTlsSecret(n, TestCertificates.selfSigned(n + ".example.com", TestCertificates.rsaKeyPair())));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger otherWrites = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (String name : names) {
      H.createFromSecret(name, name);
      Thread writer = new Thread(() -> touchUntilStopped(name, writing, otherWrites), "other-writer-" + name);
      writer.start();
      writers.add(writer);
    }
    java.util.Map<String, String> latest = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger renewals = new AtomicInteger();
    try {
      // Until a status write has met a 409, renew one Secret a second (round robin): each renewal is
      // another status write racing the other writers.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        if (statusConflicts() - conflictsBefore == 0) {
          String name = names.get(renewals.getAndIncrement() % names.size());
          var renewed = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
          H.kube().secrets().inNamespace(H.namespace()).withName(name).edit(secret -> {
            secret.setData(java.util.Map.of("tls.crt", OperatorHarness.base64(renewed.chainPem()), "tls.key", OperatorHarness.base64(renewed.pkcs8KeyPem())));
            return secret;
          });
          latest.put(name, dev.slbcert.tls.CertificateBundle.fingerprint(renewed.certificate()));
        }
        assertThat(statusConflicts() - conflictsBefore).as("status writes answered 409").isPositive();
      });
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(names).allSatisfy(n -> {
        assertThat(isReady(H.get(n))).as(n).isTrue();
        assertThat(H.get(n).getStatus().getRetiredCertificates()).as(n).isNull();
        if (latest.containsKey(n)) {
          assertThat(H.get(n).getStatus().getFingerprint()).as(n).isEqualToIgnoringCase(latest.get(n));
        }
      }));
    } finally {
      writing.set(false);
      for (Thread writer : writers) {
        writer.join();
      }
    }

    OperatorHarness.awaitIdle(H.emulator());
    List<String> ids = names.stream().map(n -> H.get(n).getStatus().getServerCertificateId()).toList();
    assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(H.emulator().callCount("UploadServerCertificate")).as("at most one upload per content, none twice").isBetween((long) RESOURCES, (long) RESOURCES + renewals.get());
    assertThat(otherWrites.get()).isPositive();
    assertThat(names).allSatisfy(n -> assertThat(H.get(n).getMetadata().getAnnotations()).containsKey("example.com/touched"));
  }

  /** Another writer: changes an annotation of the resource as fast as the server allows. */
  private static void touchUntilStopped(String name, AtomicBoolean writing, AtomicInteger writes) {
    var resource = H.kube().resources(ServerCertificate.class).inNamespace(H.namespace()).withName(name);
    for (int i = 0; writing.get(); i++) {
      String value = String.valueOf(i);
      try {
        resource.edit(sc -> {
          sc.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Objects.requireNonNullElse(sc.getMetadata().getAnnotations(),
              java.util.Map.of())));
          sc.getMetadata().getAnnotations().put("example.com/touched", value);
          return sc;
        });
        writes.incrementAndGet();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  private static int statusConflicts() {
    return (int) RealApiServer.get().auditedCalls(InstalledChart.defaults().user()).stream()
        .filter(c -> c.code() == 409 && c.rbacResource().equals("servercertificates/status") && c.namespace().equals(H.namespace()))
        .count();
  }
}
