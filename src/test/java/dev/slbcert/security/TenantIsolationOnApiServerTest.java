package dev.slbcert.security;

import dev.slbcert.ccm.ServiceBinding;
import static dev.slbcert.support.OperatorHarness.REGION;
import static dev.slbcert.support.OperatorHarness.condition;
import static dev.slbcert.support.OperatorHarness.isReady;
import static dev.slbcert.support.OperatorHarness.readyReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slbcert.api.v1alpha1.AliCloudCertificateSource;
import dev.slbcert.api.v1alpha1.DeletionPolicy;
import dev.slbcert.api.v1alpha1.ListenerRotation;
import dev.slbcert.api.v1alpha1.SecretReference;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateSpec;
import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.orphans.OrphansCommand;
import dev.slbcert.ownership.AdoptionPermission;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.status.Conditions;
import dev.slbcert.support.InstalledChart;
import dev.slbcert.support.OperatorHarness;
import dev.slbcert.support.RealApiServer;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestResources;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * A tenant (a ServiceAccount with a Role in its own namespace only, for ServerCertificates, Secrets
 * and Services) attacks another team's certificate, on the real API server with the chart's RBAC
 * for the operator. The victim's certificate keeps its name, tags and listeners through each attack.
 */
class TenantIsolationOnApiServerTest {
  @RegisterExtension static final OperatorHarness H = OperatorHarness.onRealApiServer();

  private String tenantNamespace;
  private KubernetesClient tenant;

  @BeforeEach
  void tenantWithRightsInItsOwnNamespaceOnly() {
    tenantNamespace = H.watchAlso("tenant");
    KubernetesClient admin = H.kube();
    admin.serviceAccounts().inNamespace(tenantNamespace).resource(new ServiceAccountBuilder().withNewMetadata().withName("tenant").endMetadata()
        .build()).create();
    admin.rbac().roles().inNamespace(tenantNamespace).resource(new RoleBuilder().withNewMetadata().withName("tenant").endMetadata()
        .addToRules(new PolicyRuleBuilder().withApiGroups("slbcert.dev").withResources("servercertificates")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build())
        .addToRules(new PolicyRuleBuilder().withApiGroups("").withResources("secrets", "services", "events")
            .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build())
        .build()).create();
    admin.rbac().roleBindings().inNamespace(tenantNamespace).resource(new RoleBindingBuilder().withNewMetadata().withName("tenant").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "tenant")
        .addNewSubject().withKind("ServiceAccount").withName("tenant").withNamespace(tenantNamespace).endSubject().build()).create();
    tenant = RealApiServer.get().clientAs(tenantNamespace, "tenant");
  }

  @AfterEach
  void closeTenant() {
    tenant.close();
  }

  @Test
  void adoptingAnotherNamespacesCertificateIsRefusedAndDeletingTheAdopterLeavesItAlone() throws Exception {
    Victim victim = victim("shop");
    H.labelNamespace(tenantNamespace, AdoptionPermission.LABEL, AdoptionPermission.ALLOWED); // even an opened namespace
    ServerCertificateSpec spec = adopt(victim.id());
    spec.setCertificateName("pwned");
    spec.setTags(Map.of("owner", "tenant"));

    tenantCreates("grab", spec);

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.OWNED_BY_ANOTHER_RESOURCE.equals(readyReason(tenantGets("grab"))));
    assertThat(condition(tenantGets("grab"), Conditions.READY).getMessage()).contains(victim.id()).doesNotContain(H.namespace());
    tenant.resources(ServerCertificate.class).inNamespace(tenantNamespace).withName("grab").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> tenantGets("grab") == null);

    victim.assertUntouched();
  }

  @Test
  void theSourceCannotBeSwitchedToMoveAnotherTeamsListeners() throws Exception {
    Victim victim = victim("shop");
    tenantCreates("grab", adopt(victim.id()));
    await().atMost(Duration.ofSeconds(20)).until(() -> readyReason(tenantGets("grab")) != null);
    tenant.secrets().inNamespace(tenantNamespace).resource(tlsSecret("mine-tls", "mine.example.com")).create();

    assertThatThrownBy(() -> tenant.resources(ServerCertificate.class).inNamespace(tenantNamespace).withName("grab").edit(sc -> {
      sc.getSpec().setServerCertificateId(null);
      sc.getSpec().setSecretRef(new SecretReference("mine-tls"));
      sc.getSpec().setListenerRotation(ListenerRotation.Rebind);
      sc.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
      return sc;
    })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("the source (secretRef, serverCertificateId, aliCloudCertificate) is immutable");

    victim.assertUntouched();
  }

  @Test
  void aCertificateKeptByRetainIsReleasedAndOrphansNeverDeletesIt() throws Exception {
    String cluster = H.kube().namespaces().withName("kube-system").get().getMetadata().getUid();
    H.restartWithSettings(OperatorHarness.FAST.withClusterId(cluster));
    Victim victim = victim("kept");
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> assertThat(c.tags()).containsEntry(OwnershipTags.CLUSTER, cluster));
    H.edit("kept", s -> s.setDeletionPolicy(DeletionPolicy.Retain));
    H.slb().deleteListener(REGION, victim.loadBalancer(), 443);
    H.delete("kept");
    await().atMost(Duration.ofSeconds(20)).until(() -> H.get("kept") == null);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new CommandLine(new OrphansCommand(Map.of("SLBCERT_SLB_ENDPOINT", H.emulator().endpoint().toString(), "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "emulator", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "emulator"), new PrintStream(out, true, StandardCharsets.UTF_8),
        () -> new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(H.kube().getConfiguration()).build()))
        .execute("--region", REGION, "--delete", "--min-age", "0s");

    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Cluster " + cluster).contains("0 orphaned certificate(s)")
        .containsPattern(victim.id() + " .* " + H.namespace() + " ").contains("1 released certificate(s); kept unless --delete-released");
    assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(victim.id());
      assertThat(c.tags()).doesNotContainKeys(OwnershipTags.OWNER, OwnershipTags.ADOPTED_BY).containsEntry(OwnershipTags.CLUSTER, cluster);
      assertThat(c.tags().get(OwnershipTags.RELEASED_BY)).startsWith(H.namespace() + "@");
    });
    assertThat(H.eventReasons("kept")).contains(Conditions.RELEASED);
  }

  @Test
  void twoResourcesCannotBothAdoptOneCertificate() throws Exception {
    var issued = TestCertificates.selfSigned("shared.example.com", TestCertificates.rsaKeyPair());
    String id = H.slb().upload(CertificateUpload.pem(REGION, "made-by-terraform", null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
    H.allowAdoption();
    H.labelNamespace(tenantNamespace, AdoptionPermission.LABEL, AdoptionPermission.ALLOWED);
    ServerCertificateSpec first = adopt(id);
    first.setCertificateName("first");
    H.create("first", first);
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("first")));
    ServerCertificateSpec second = adopt(id);
    second.setCertificateName("second");

    tenantCreates("second", second);

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.OWNED_BY_ANOTHER_RESOURCE.equals(readyReason(tenantGets("second"))));
    // several resyncs (3 s each): the name and tags stay the first resource's, renamed once
    await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).untilAsserted(() -> {
      assertThat(H.emulator().snapshot().certificates()).singleElement().satisfies(c -> {
        assertThat(c.name()).isEqualTo("first");
        assertThat(c.tags()).containsEntry(OwnershipTags.ADOPTED_BY, H.get("first").getMetadata().getUid());
      });
      assertThat(H.emulator().callCount("SetServerCertificateName")).isEqualTo(1);
    });
    assertThat(isReady(H.get("first"))).isTrue();
  }

  @Test
  void importingFromCertificateManagementServiceNeedsTheNamespaceOpened() {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    AliCloudCertificateSource source = new AliCloudCertificateSource();
    source.setId("9812345");
    source.setName("their-cas-certificate");
    spec.setAliCloudCertificate(source);

    tenantCreates("cas", spec);

    await().atMost(Duration.ofSeconds(20)).until(() -> Conditions.ADOPTION_NOT_ALLOWED.equals(readyReason(tenantGets("cas"))));
    assertThat(condition(tenantGets("cas"), Conditions.READY).getMessage())
        .contains("kubectl label namespace " + tenantNamespace + " slbcert.dev/adoption=allowed");
    assertThat(H.emulator().callCount("UploadServerCertificate")).isZero();

    H.labelNamespace(tenantNamespace, AdoptionPermission.LABEL, AdoptionPermission.ALLOWED);

    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(tenantGets("cas")));
    assertThat(H.emulator().callCount("UploadServerCertificate")).isEqualTo(1);
  }

  @Test
  void theOperatorsTagsCannotBeSetThroughSpecTags() {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setSecretRef(new SecretReference("any-tls"));
    spec.setTags(Map.of(OwnershipTags.CLUSTER, "another-cluster"));

    assertThatThrownBy(() -> tenantCreates("tagged", spec)).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("tag keys under slbcert.dev/ are the operator's own");
  }

  @Test
  void messagesInATenantsNamespaceNameNothingOfOtherNamespaces() throws Exception {
    H.kube().resources(ServerCertificate.class).inNamespace(H.namespace()).resource(TestResources.serverCertificate(H.namespace(), "shop", "absent"))
        .create();
    tenant.secrets().inNamespace(tenantNamespace).resource(tlsSecret("own-tls", "own.example.com")).create();
    tenantCreates("own", fromSecret("own-tls"));
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(tenantGets("own")));
    String lb = H.slb().createLoadBalancer(REGION, "victims-lb");
    H.slb().createHttpsListener(REGION, lb, 443, tenantGets("own").getStatus().getServerCertificateId());
    H.kube().services().inNamespace(H.namespace()).resource(new ServiceBuilder().withNewMetadata().withName("storefront")
        .addToLabels(ServiceBinding.LOAD_BALANCER_LABEL, lb).endMetadata().withNewSpec().addNewPort().withPort(443).endPort().endSpec().build()).create();
    tenant.services().inNamespace(tenantNamespace).resource(new ServiceBuilder().withNewMetadata().withName("web")
        .addToLabels(ServiceBinding.LABEL, "shop").endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(443).endPort().endSpec()
        .build()).create();

    tenant.resources(ServerCertificate.class).inNamespace(tenantNamespace).withName("own").delete();

    await().atMost(Duration.ofSeconds(20)).until(() -> condition(tenantGets("own"), Conditions.DELETION_BLOCKED) != null);
    assertThat(condition(tenantGets("own"), Conditions.DELETION_BLOCKED).getMessage()).contains("a Service in another namespace (" + lb + ":443)")
        .doesNotContain(H.namespace()).doesNotContain("storefront");
    await().atMost(Duration.ofSeconds(20)).until(() -> !serviceWarnings("web").isEmpty());
    assertThat(serviceWarnings("web")).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(H.namespace()))
        .anySatisfy(e -> assertThat(e.getMessage()).contains("does not exist in namespace " + tenantNamespace));
    assertThat(tenant.v1().events().inNamespace(tenantNamespace).list().getItems())
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(H.namespace()).doesNotContain("storefront"));
  }

  @Test
  void theOperatorListsAndWatchesOnlyTlsSecrets() {
    H.createTlsSecret("seen-tls", TestCertificates.selfSigned("seen.example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret("seen", "seen-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get("seen")));

    List<RealApiServer.AuditedCall> secretQueries = RealApiServer.get().auditedCalls(InstalledChart.defaults().user()).stream()
        .filter(c -> c.resource().equals("secrets") && (c.verb().equals("list") || c.verb().equals("watch"))).toList();

    assertThat(secretQueries).isNotEmpty()
        .allSatisfy(c -> assertThat(java.net.URLDecoder.decode(c.requestUri(), StandardCharsets.UTF_8)).contains("fieldSelector=type=kubernetes.io/tls"));
  }

  @Test
  void aResourceQuotaLimitsHowManyServerCertificatesATenantMayCreate() {
    var quota = H.kube().resourceQuotas().inNamespace(tenantNamespace).resource(new ResourceQuotaBuilder().withNewMetadata().withName("certificates")
        .endMetadata().withNewSpec().addToHard("count/servercertificates.slbcert.dev", new io.fabric8.kubernetes.api.model.Quantity("1")).endSpec()
        .build()).create();
    // no controller manager runs beside this API server: its quota controller's first status, written by hand
    quota.setStatus(new io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder().addToHard(quota.getSpec().getHard())
        .addToUsed("count/servercertificates.slbcert.dev", new io.fabric8.kubernetes.api.model.Quantity("0")).build());
    H.kube().resourceQuotas().inNamespace(tenantNamespace).resource(quota).updateStatus();

    tenantCreates("one", fromSecret("one-tls"));

    assertThatThrownBy(() -> tenantCreates("two", fromSecret("two-tls"))).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("exceeded quota: certificates").hasMessageContaining("count/servercertificates.slbcert.dev");
    assertThat(tenant.resources(ServerCertificate.class).inNamespace(tenantNamespace).list().getItems()).hasSize(1);
  }

  /** Another team's Ready certificate, served by a listener; {@link #assertUntouched} checks nothing of it changed. */
  private record Victim(String name, String id, String loadBalancer, EmulatorSnapshot.Certificate before) {
    void assertUntouched() {
      assertThat(H.emulator().snapshot().certificates()).filteredOn(c -> c.id().equals(id)).singleElement().isEqualTo(before);
      assertThat(H.emulator().snapshot().loadBalancers()).filteredOn(l -> l.id().equals(loadBalancer)).singleElement()
          .satisfies(l -> assertThat(l.listeners()).singleElement().satisfies(listener -> assertThat(listener.serverCertificateId()).isEqualTo(id)));
      ServerCertificate resource = H.get(name);
      assertThat(isReady(resource)).isTrue();
      assertThat(resource.getStatus().getServerCertificateId()).isEqualTo(id);
    }
  }

  private Victim victim(String name) throws Exception {
    H.createTlsSecret(name + "-tls", TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair()));
    H.createFromSecret(name, name + "-tls");
    await().atMost(Duration.ofSeconds(20)).until(() -> isReady(H.get(name)));
    String id = H.get(name).getStatus().getServerCertificateId();
    String lb = H.slb().createLoadBalancer(REGION, name + "-lb");
    H.slb().createHttpsListener(REGION, lb, 443, id);
    EmulatorSnapshot.Certificate before = H.emulator().snapshot().certificates().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    return new Victim(name, id, lb, before);
  }

  private ServerCertificate tenantCreates(String name, ServerCertificateSpec spec) {
    ServerCertificate resource = new ServerCertificate();
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(tenantNamespace);
    resource.setSpec(spec);
    return tenant.resources(ServerCertificate.class).inNamespace(tenantNamespace).resource(resource).create();
  }

  private ServerCertificate tenantGets(String name) {
    return tenant.resources(ServerCertificate.class).inNamespace(tenantNamespace).withName(name).get();
  }

  private List<Event> serviceWarnings(String service) {
    return tenant.v1().events().inNamespace(tenantNamespace).list().getItems().stream()
        .filter(e -> "Service".equals(e.getInvolvedObject().getKind()) && service.equals(e.getInvolvedObject().getName())).toList();
  }

  private io.fabric8.kubernetes.api.model.Secret tlsSecret(String name, String host) {
    var issued = TestCertificates.selfSigned(host, TestCertificates.rsaKeyPair());
    return TestResources.tlsSecret(tenantNamespace, name, issued.chainPem(), issued.pkcs8KeyPem());
  }

  private static ServerCertificateSpec adopt(String id) {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setServerCertificateId(id);
    return spec;
  }

  private static ServerCertificateSpec fromSecret(String secret) {
    ServerCertificateSpec spec = new ServerCertificateSpec();
    spec.setRegionId(REGION);
    spec.setSecretRef(new SecretReference(secret));
    return spec;
  }
}
