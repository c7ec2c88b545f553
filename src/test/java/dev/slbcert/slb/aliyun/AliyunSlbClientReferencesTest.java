package dev.slbcert.slb.aliyun;

import dev.slbcert.slb.*;

import static dev.slbcert.support.SlbEmulatorExtension.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slbcert.emulator.EmulatorSnapshot;
import dev.slbcert.support.SlbEmulatorExtension;
import dev.slbcert.support.TestCertificates;
import dev.slbcert.support.TestCertificates.Issued;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AliyunSlbClientReferencesTest {
  @RegisterExtension static final SlbEmulatorExtension SLB = new SlbEmulatorExtension();

  private final AliyunSlbClient client = SLB.client();

  @Test
  void deleteWhileAListenerUsesTheCertificateIsInUseAndNotRetried() throws Exception {
    String certificateId = upload("in-use");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, certificateId);

    assertThatThrownBy(() -> client.delete(REGION, certificateId))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.IN_USE);
          assertThat(e.errorCode()).isEqualTo("CertificateAndPrivateKeyIsRefered");
          assertThat(e.getMessage()).contains("bound to listeners");
        });
    assertThat(SLB.emulator().calls().get("DeleteServerCertificate")).containsExactly(Map.entry("CertificateAndPrivateKeyIsRefered", 1L));
    assertThat(SLB.emulator().snapshot().certificates()).hasSize(1);
  }

  @Test
  void deleteSucceedsOnceTheListenerIsGone() throws Exception {
    String certificateId = upload("released");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, certificateId);

    client.deleteListener(REGION, lb, 443);
    client.delete(REGION, certificateId);

    assertThat(SLB.emulator().snapshot().certificates()).isEmpty();
  }

  @Test
  void aDomainExtensionAloneKeepsTheCertificateInUse() throws Exception {
    String main = upload("main");
    String sni = upload("sni");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, main);
    String extension = client.createDomainExtension(REGION, lb, 443, "api.example.com", sni);

    assertThatThrownBy(() -> client.delete(REGION, sni))
        .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.kind()).isEqualTo(SlbException.Kind.IN_USE));

    client.deleteDomainExtension(REGION, extension);
    client.delete(REGION, sni);
    assertThat(SLB.emulator().snapshot().certificates()).extracting(EmulatorSnapshot.Certificate::id).containsExactly(main);
  }

  @Test
  void listReferencesNamesListenersAndDomainExtensionsPerCertificate() throws Exception {
    String main = upload("main");
    String sni = upload("sni");
    String unused = upload("unused");
    String lb1 = client.createLoadBalancer(REGION, "one");
    String lb2 = client.createLoadBalancer(REGION, "two");
    client.createHttpsListener(REGION, lb1, 443, main);
    client.createHttpsListener(REGION, lb2, 8443, main);
    String de = client.createDomainExtension(REGION, lb1, 443, "api.example.com", sni);

    var references = client.listReferences(REGION);

    assertThat(references.get(main)).extracting(CertificateReference::describe)
        .containsExactlyInAnyOrder(lb1 + ":443", lb2 + ":8443");
    assertThat(references.get(sni)).extracting(CertificateReference::describe)
        .containsExactly(lb1 + ":443 domain extension " + de + " (api.example.com)");
    assertThat(client.findReferences(REGION, unused)).isEmpty();
  }

  @Test
  void listReferencesWalksEveryPageOfLoadBalancers() throws Exception {
    String certificateId = upload("paged");
    String last = null;
    for (int i = 0; i < 105; i++) {
      last = client.createLoadBalancer(REGION, "lb" + i);
    }
    client.createHttpsListener(REGION, last, 443, certificateId);

    assertThat(client.findReferences(REGION, certificateId)).extracting(CertificateReference::loadBalancerId).containsExactly(last);
    assertThat(SLB.emulator().callCount("DescribeLoadBalancers")).isEqualTo(2);
  }

  @Test
  void movingTheListenerToAnotherCertificateReleasesTheFirst() throws Exception {
    String oldId = upload("old");
    String newId = upload("new");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, oldId);

    client.setListenerCertificate(REGION, lb, 443, newId);
    client.delete(REGION, oldId);

    assertThat(SLB.emulator().snapshot().loadBalancers().get(0).listeners().get(0).serverCertificateId()).isEqualTo(newId);
  }

  @Test
  void domainExtensionCanMoveToAnotherCertificate() throws Exception {
    String main = upload("main");
    String first = upload("first");
    String second = upload("second");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, main);
    String de = client.createDomainExtension(REGION, lb, 443, "a.example.com", first);

    client.setDomainExtensionCertificate(REGION, de, second);

    assertThat(client.findReferences(REGION, first)).isEmpty();
    assertThat(client.findReferences(REGION, second)).hasSize(1);
  }

  @Test
  void aListenerTakesAtMostThreeDomainExtensions() throws Exception {
    String main = upload("main");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, main);
    for (int i = 0; i < 3; i++) {
      client.createDomainExtension(REGION, lb, 443, "d" + i + ".example.com", main);
    }

    assertThatThrownBy(() -> client.createDomainExtension(REGION, lb, 443, "d3.example.com", main))
        .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.kind()).isEqualTo(SlbException.Kind.QUOTA_EXCEEDED));
    assertThat(SLB.emulator().snapshot().loadBalancers().get(0).listeners().get(0).domainExtensions()).hasSize(3);
  }

  @Test
  void deletingTheLoadBalancerReleasesItsCertificates() throws Exception {
    String certificateId = upload("lb-gone");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, certificateId);
    client.createDomainExtension(REGION, lb, 443, "x.example.com", certificateId);

    client.deleteLoadBalancer(REGION, lb);
    client.delete(REGION, certificateId);

    assertThat(SLB.emulator().snapshot().loadBalancers()).isEmpty();
    assertThat(SLB.emulator().snapshot().certificates()).isEmpty();
  }

  @Test
  void listenerErrorsAreTyped() throws Exception {
    String certificateId = upload("errors");
    String lb = client.createLoadBalancer(REGION, "web");
    client.createHttpsListener(REGION, lb, 443, certificateId);

    assertThatThrownBy(() -> client.createHttpsListener(REGION, lb, 443, certificateId))
        .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.errorCode()).isEqualTo("ListenerAlreadyExists"));
    assertThatThrownBy(() -> client.deleteListener(REGION, lb, 80))
        .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.kind()).isEqualTo(SlbException.Kind.NOT_FOUND));
    assertThatThrownBy(() -> client.createHttpsListener(REGION, "lb-doesnotexist", 443, certificateId))
        .isInstanceOfSatisfying(SlbException.class, e -> assertThat(e.errorCode()).isEqualTo("InvalidLoadBalancerId.NotFound"));
    assertThatThrownBy(() -> client.deleteDomainExtension(REGION, "de-doesnotexist"))
        .isInstanceOfSatisfying(SlbException.class, e -> {
          assertThat(e.kind()).isEqualTo(SlbException.Kind.NOT_FOUND);
          assertThat(e.errorCode()).isEqualTo("InvalidParameter.DomainExtensionId");
        });
  }

  private String upload(String name) throws SlbException {
    Issued issued = TestCertificates.selfSigned(name + ".example.com", TestCertificates.rsaKeyPair());
    return client.upload(CertificateUpload.pem(REGION, name, null, issued.certificatePem(), issued.pkcs8KeyPem())).id();
  }
}
