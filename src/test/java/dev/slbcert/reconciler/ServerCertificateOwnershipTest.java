package dev.slbcert.reconciler;

import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.condition;
import static dev.slbcert.support.OperatorHarness.isReady;
import static dev.slbcert.support.OperatorHarness.readyReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.ListenerRotation;
import dev.slbcert.api.v1alpha1.SecretReference;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.emulator.FaultRule;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.TestCertificates;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whose certificate is it: adoption needs the namespace's permission, Retain releases, and both survive a restart. */
class ServerCertificateOwnershipTest {
  @RegisterExtension static final OperatorHarness H = new OperatorHarness();

  @Test
  void adoptingAForeignCertificateInANamespaceNobodyOpenedIsRefusedAndStaysRefusedAcrossARestart() throws Exception {
    String id = foreignCertificate("made-by-terraform");
    H.create("taker", adopt(id));

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.ADOPTION_NOT_ALLOWED.equals(readyReason(H.get("taker"))));
    assertThat(condition(H.get("taker"), Conditions.READY).getMessage())
        .contains("kubectl label namespace " + H.namespace() + " slbcert.dev/adoption=allowed");
    H.stopOperator();
    H.startOperator();
    await().atMost(Duration.ofSeconds(20)).until(() -> H.eventReasons("taker").contains(Conditions.ADOPTION_NOT_ALLOWED));
    H.delete("taker");
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("taker") == null);

    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("made-by-terraform");
      assertThat(c.tags()).isEmpty();
    });
    assertThat(H.emulator().callCount("TagResources") + H.emulator().callCount("SetServerCertificateName")
        + H.emulator().callCount("DeleteServerCertificate")).isZero();
  }

  @Test
  void adoptionWorksOnceAnAdministratorLabelsTheNamespace() throws Exception {
    String id = foreignCertificate("made-in-the-console");
    H.create("taker", adopt(id));
    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.ADOPTION_NOT_ALLOWED.equals(readyReason(H.get("taker"))));

    H.allowAdoption();

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("taker")));
    assertThat(H.emulator().snapshot().certificates()).singleElement()
        .satisfies(c -> assertThat(c.tags()).containsEntry(OwnershipTags.ADOPTED_BY, H.get("taker").getMetadata().getUid()));
  }

  @Test
  void whereTheOperatorIgnoresNamespaceLabelsATenantWhoLabelsItsOwnNamespaceCannotAdopt() throws Exception {
    H.restartWithSettings(OperatorHarness.FAST.withAdoptionByLabel(false));
    String id = foreignCertificate("made-by-terraform");
    H.allowAdoption(); // as a tenant allowed to label its own namespace would

    H.create("taker", adopt(id));

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.ADOPTION_NOT_ALLOWED.equals(readyReason(H.get("taker"))));
    assertThat(condition(H.get("taker"), Conditions.READY).getMessage()).contains("adoption.namespaces").doesNotContain("kubectl label");
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> assertThat(c.tags()).isEmpty());

    H.restartWithSettings(OperatorHarness.FAST.withAdoptionByLabel(false).withAdoptionNamespaces(java.util.Set.of(H.namespace())));
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("taker")));
  }

  @Test
  void aCertificateUploadedAMomentAgoIsFoundWhenAdopted() throws Exception {
    // a long resync: the region's listing, taken by the first resource, is not refreshed during the test
    H.restartWithSettings(new ReconcilerSettings(Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ZERO,
        Duration.ofSeconds(3)));
    H.allowAdoption();
    H.createTlsSecret("first-tls", TestCertificates.selfSigned("first.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("first", "first-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("first")));

    String id = foreignCertificate("just-made");
    H.create("taker", adopt(id));

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("taker")));
    assertThat(H.get("taker").getStatus().getServerCertificateId()).isEqualTo(id);
  }

  /** The refused resource waits for its resync (10 minutes here); its Namespace's new label makes it look again at once. */
  @Test
  void openingTheNamespaceAdoptsAtOnce() throws Exception {
    H.restartWithSettings(new ReconcilerSettings(Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ZERO,
        Duration.ofSeconds(3)));
    String id = foreignCertificate("made-in-the-console");
    H.create("taker", adopt(id));
    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.ADOPTION_NOT_ALLOWED.equals(readyReason(H.get("taker"))));

    H.allowAdoption();

    await().atMost(Duration.ofSeconds(10)).until(() -> isReady(H.get("taker")));
    assertThat(H.get("taker").getStatus().getServerCertificateId()).isEqualTo(id);
  }

  /** A check request makes a resource look again now, not at its resync (10 minutes here): a certificate deleted in the console is uploaded again at once. */
  @Test
  void aCheckRequestedAfterTheCertificateWasDeletedInTheConsoleUploadsItAgainAtOnce() throws Exception {
    H.restartWithSettings(new ReconcilerSettings(Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ZERO,
        Duration.ofSeconds(3)));
    H.createTlsSecret("checked-tls", TestCertificates.selfSigned("checked.example.com", TestCertificates.rsaKeyPair()));
    H.create("checked", fromSecret("checked-tls", DeletionPolicy.Delete));
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("checked")));
    String deleted = H.get("checked").getStatus().getServerCertificateId();
    H.slb().delete(REGION, deleted);

    H.kube().resources(dev.slbcert.api.v1alpha1.ServerCertificate.class).inNamespace(H.namespace()).withName("checked").edit(sc -> {
      sc.getMetadata().setAnnotations(new java.util.HashMap<>(sc.getMetadata().getAnnotations() == null ? Map.of()
          : sc.getMetadata().getAnnotations()));
      sc.getMetadata().getAnnotations().put(ReconciledChanges.CHECK_REQUESTED_AT, "2026-12-07T17:00:00Z");
      return sc;
    });

    await().atMost(Duration.ofSeconds(10)).until(() -> isReady(H.get("checked")) && !deleted.equals(H.get("checked").getStatus().getServerCertificateId()));
    assertThat(H.emulator().snapshot().certificates()).extracting(c -> c.id()).containsExactly(H.get("checked").getStatus().getServerCertificateId());
    assertThat(H.eventReasons("checked")).contains(Conditions.RECREATED);
  }

  @Test
  void retainReleasesTheCertificateEvenWhenARestartInterruptsTheRelease() {
    H.createTlsSecret("kept-tls", TestCertificates.selfSigned("kept.example.com", TestCertificates.rsaKeyPair()));
    H.create("kept", fromSecret("kept-tls", DeletionPolicy.Retain));
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("kept")));
    String id = H.get("kept").getStatus().getServerCertificateId();
    H.emulator().addFault(FaultRule.error("UntagResources", "ServiceUnavailable", 503, 1000));

    H.delete("kept");
    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.DELETING.equals(readyReason(H.get("kept"))));
    H.stopOperator();
    H.emulator().clearFaults();
    H.startOperator();

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("kept") == null);
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.tags()).doesNotContainKeys(OwnershipTags.OWNER, OwnershipTags.ADOPTED_BY);
      assertThat(c.tags().get(OwnershipTags.RELEASED_BY)).startsWith(H.namespace() + "@");
    });
    assertThat(H.eventReasons("kept")).contains(Conditions.RELEASED);
    assertThat(H.emulator().callCount("DeleteServerCertificate")).isZero();
  }

  @Test
  void aReleasedCertificateIsAdoptedAgainByIdWhereTheNamespaceAllowsIt() {
    H.createTlsSecret("let-go-tls", TestCertificates.selfSigned("let-go.example.com", TestCertificates.rsaKeyPair()));
    H.create("let-go", fromSecret("let-go-tls", DeletionPolicy.Retain));
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("let-go")));
    String id = H.get("let-go").getStatus().getServerCertificateId();
    H.delete("let-go");
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("let-go") == null);
    H.allowAdoption();

    H.create("adopter", adopt(id));

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("adopter")));
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.tags()).containsEntry(OwnershipTags.ADOPTED_BY, H.get("adopter").getMetadata().getUid())
          .doesNotContainKeys(OwnershipTags.RELEASED_BY, OwnershipTags.OWNER);
    });
    assertThat(H.eventReasons("adopter")).contains(Conditions.ADOPTED);
  }

  @Test
  void aNamespaceReleasesUpToItsLimitAndTheDeletionPastItWaitsUntilTheResourceLetsGoAnotherWay() {
    H.restartWithSettings(OperatorHarness.FAST.withRetainLimit(2));
    for (String name : java.util.List.of("kept-1", "kept-2", "kept-3")) {
      H.createTlsSecret(name + "-tls", TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair()));
      H.create(name, fromSecret(name + "-tls", DeletionPolicy.Retain));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> java.util.stream.Stream.of("kept-1", "kept-2", "kept-3").allMatch(n -> isReady(H.get(n))));

    java.util.stream.Stream.of("kept-1", "kept-2", "kept-3").forEach(H::delete); // at once: two may take the last place together

    await().atMost(Duration.ofSeconds(20)).until(() -> java.util.stream.Stream.of("kept-1", "kept-2", "kept-3").filter(n -> H.get(n) == null).count() == 2
        && java.util.stream.Stream.of("kept-1", "kept-2", "kept-3").map(H::get).filter(java.util.Objects::nonNull)
            .anyMatch(sc -> Conditions.RETAIN_LIMIT_REACHED.equals(readyReason(sc))));
    String waiting = java.util.stream.Stream.of("kept-1", "kept-2", "kept-3").filter(n -> H.get(n) != null).findFirst().orElseThrow();
    String waitingId = H.get(waiting).getStatus().getServerCertificateId();
    assertThat(condition(H.get(waiting), Conditions.READY).getMessage()).contains("namespace " + H.namespace() + " already holds 2")
        .contains("SLBCERT_RETAIN_LIMIT").contains("spec.deletionPolicy to Delete");
    await().atMost(Duration.ofSeconds(20)).until(() -> H.eventReasons(waiting).contains(Conditions.RETAIN_LIMIT_REACHED));
    assertThat(H.emulator().snapshot().certificates()).hasSize(3).filteredOn(c -> c.id().equals(waitingId)).singleElement()
        .satisfies(c -> assertThat(c.tags()).as("not released").containsKey(OwnershipTags.OWNER).doesNotContainKey(OwnershipTags.RELEASED_BY));

    H.edit(waiting, spec -> spec.setDeletionPolicy(DeletionPolicy.Delete));

    await().atMost(Duration.ofSeconds(20)).until(() -> H.get(waiting) == null);
    assertThat(H.emulator().snapshot().certificates()).hasSize(2).allSatisfy(c -> {
      assertThat(c.tags()).doesNotContainKey(OwnershipTags.OWNER);
      assertThat(c.tags().get(OwnershipTags.RELEASED_BY)).startsWith(H.namespace() + "@");
    });
  }

  @Test
  void theFirstDeletionBlockedMessageNamesTheListenerEvenWhenAnEarlierWalkOfTheRegionSawNone() throws Exception {
    // one walk of the region's listeners is reused for ten minutes
    H.restartWithSettings(new ReconcilerSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(10),
        Duration.ofSeconds(3)));
    String first = ready("first");
    String second = ready("second");
    String lb = H.slb().createLoadBalancer(REGION, "lb-first");
    H.slb().createHttpsListener(REGION, lb, 443, first);
    H.delete("first");
    await().atMost(Duration.ofSeconds(20)).until(() -> condition(H.get("first"), Conditions.DELETION_BLOCKED) != null);

    String other = H.slb().createLoadBalancer(REGION, "lb-second");
    H.slb().createHttpsListener(REGION, other, 443, second);
    H.delete("second");

    await().atMost(Duration.ofSeconds(20)).until(() -> condition(H.get("second"), Conditions.DELETION_BLOCKED) != null);
    assertThat(condition(H.get("second"), Conditions.DELETION_BLOCKED).getMessage()).contains(other + ":443")
        .doesNotContain("not found by walking");
  }

  @Test
  @Tag(ServerCertificateBadInputTest.REFUSED_BY_API_SERVER)
  void aCertificateAdoptedRatherThanUploadedIsNeverRetiredNorAreItsListenersMoved() throws Exception {
    String id = foreignCertificate("theirs");
    String lb = H.slb().createLoadBalancer(REGION, "their-lb");
    H.slb().createHttpsListener(REGION, lb, 443, id);
    H.allowAdoption();
    H.create("switch", adopt(id));
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("switch")));

    // an API server without the CRD's rules lets the source change; the operator must not treat the adopted certificate as retired
    H.createTlsSecret("switch-tls", TestCertificates.selfSigned("switch.example.com", TestCertificates.rsaKeyPair()));
    H.edit("switch", spec -> {
      spec.setServerCertificateId(null);
      spec.setSecretRef(new SecretReference("switch-tls"));
      spec.setListenerRotation(ListenerRotation.Rebind);
    });

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("switch")) && !id.equals(H.get("switch").getStatus().getServerCertificateId()));
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
      assertThat(H.emulator().snapshot().loadBalancers()).singleElement()
          .satisfies(l -> assertThat(l.listeners()).singleElement().satisfies(listener -> assertThat(listener.serverCertificateId()).isEqualTo(id)));
      assertThat(H.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).contains(id);
    });
    assertThat(H.get("switch").getStatus().getRetiredCertificates()).isNullOrEmpty();
  }

  private static String foreignCertificate(String name) throws Exception {
    var issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
    return H.slb().upload(CertificateUpload.pem(REGION, name, null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
  }

  private static String ready(String name) {
    H.createTlsSecret(name + "-tls", TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret(name, name + "-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get(name)));
    return H.get(name).getStatus().getServerCertificateId();
  }

  private static ServerCertificateSpec adopt(String id) {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setServerCertificateId(id);
    spec.setTags(Map.of("team", "shop"));
    return spec;
  }

  private static ServerCertificateSpec fromSecret(String secret, DeletionPolicy policy) {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setSecretRef(new SecretReference(secret));
    spec.setDeletionPolicy(policy);
    return spec;
  }
}
