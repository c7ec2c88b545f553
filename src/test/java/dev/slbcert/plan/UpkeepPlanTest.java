package dev.slbcert.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.RetiredCertificate;
import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.SlbCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The upkeep of the certificate in use, one row per situation. The resource is shop/web (UID me)
 * in cluster a; its default name is k8s-a.shop.web. A certificate is written id/fingerprint/name
 * followed by its tags (owner=, adopted=, cluster=, released= are the operator's own); a retired
 * one as id (gone when SLB no longer lists it, ? when SLB could not be asked).
 */
class UpkeepPlanTest {
  private static final String NAME = "k8s-a.shop.web";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      settled: nothing to do                         | -                | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa  | -                    | -
      a new certificateName: renamed                 | named:tls-2026   | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa  | -                    | Rename c1 k8s-a.shop.web>tls-2026
      a tag added to the spec: set                   | tags:env=prod    | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa  | -                    | Retag c1 +env=prod
      a tag gone from the spec: removed              | -                | c1/aa/k8s-a.shop.web owner=me cluster=a env=prod | c1/aa | -                | Retag c1 -env
      Alibaba Cloud's own tags stay                  | -                | c1/aa/k8s-a.shop.web owner=me cluster=a acs:ops=1 Aliyun-x=1 | c1/aa | -     | -
      an upgrade: cluster tag and name prefix        | -                | c1/aa/shop.web owner=me                      | c1/aa  | -                    | Rename c1 shop.web>k8s-a.shop.web; Retag c1 +cluster=a
      adopted: keeps its name and others' tags       | adopted          | c1/aa/their-name adopted=me cluster=a team=x | -      | -                    | -
      adopted with a certificateName: renamed        | adopted named:mine | c1/aa/their-name adopted=me cluster=a      | -      | -                    | Rename c1 their-name>mine
      adopted once by owner tag: adopted-by instead  | adopted          | c1/aa/their-name owner=me cluster=a          | -      | -                    | Retag c1 +adopted=me -owner
      another resource's certificate: refused        | adopted          | c1/aa/x owner=other cluster=a                | -      | -                    | refused CertificateOwnedByAnotherResource
      another cluster's certificate: refused         | -                | c1/aa/k8s-a.shop.web owner=me cluster=b      | -      | -                    | refused CertificateOwnedByAnotherCluster
      a copy with its content: deleted               | -                | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa c2/aa | -               | DeleteDuplicate c2
      adopted, and its own upload of the same: deleted | adopted        | c1/aa/x adopted=me cluster=a                 | c2/aa  | -                    | DeleteDuplicate c2
      a retired one: deleted                         | -                | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa  | c0/zz owner=me cluster=a | DeleteRetired c0
      a retired one with Rebind: listeners may move  | rebind           | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa  | c0/zz owner=me cluster=a | DeleteRetired c0 rebind
      a retired one adopted, not uploaded: kept      | rebind           | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa  | c0/zz adopted=me cluster=a | Notice NotOwned
      a retired one gone, another SLB did not answer | -                | c1/aa/k8s-a.shop.web owner=me cluster=a      | c1/aa  | gone ?               | -
      all at once, in order                          | named:n2 rebind  | c1/aa/k8s-a.shop.web owner=me cluster=a x=1  | c1/aa c2/aa | c0/zz owner=me cluster=a | Rename c1 k8s-a.shop.web>n2; Retag c1 -x; DeleteDuplicate c2; DeleteRetired c0 rebind
      """)
  void decides(String situation, String spec, String current, String uploadedBy, String retired, String expected) {
    UpkeepPlan.Plan plan = UpkeepPlan.decide(new UpkeepPlan.Observation(subject(spec), certificate(current), certificates(uploadedBy),
        retired(retired)));

    assertThat(describe(plan)).as(situation).isEqualTo(expected == null ? "" : expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      nothing retired                                | -     | -      | c1/aa        | -
      those in status stay                           | r1 r2 | -      | c1/aa        | r1 r2
      the one a renewal replaced joins them          | r1    | c0/zz  | c1/aa c0/zz  | r1 c0
      an upload status missed is retired too        | -     | -      | c1/aa c9/yy  | c9
      a copy with the content in use is not retired | -     | -      | c1/aa c2/aa  | -
      listed once, however it is found              | c0    | c0/zz  | c1/aa c0/zz  | c0
      """)
  void listsTheCertificatesWaitingForDeletion(String situation, String inStatus, String replaced, String uploadedBy, String expected) {
    List<RetiredCertificate> status = words(inStatus).stream().map(id -> new RetiredCertificate(id, "ff", "2026-12-01T00:00:00Z")).toList();

    List<RetiredCertificate> retired = UpkeepPlan.retired(status, replaced == null ? null : certificate(replaced + "/x"),
        certificates(uploadedBy), certificate("c1/aa/x"), Instant.parse("2026-12-07T12:00:00.5Z"));

    assertThat(retired.stream().map(RetiredCertificate::getServerCertificateId).collect(Collectors.joining(" "))).as(situation)
        .isEqualTo(expected == null ? "" : expected);
    assertThat(retired).filteredOn(r -> !status.contains(r)).allSatisfy(r -> assertThat(r.getRetiredAt()).isEqualTo("2026-12-07T12:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      no Rebind: it waits                         | false | lb-1:443           | -
      Rebind: each moved, then deleted again       | true  | lb-1:443 lb-2:8443  | MoveListener c0 lb-1:443; MoveListener c0 lb-2:8443; DeleteRetired c0
      Rebind, a CCM listener: warned, others moved | true  | lb-1:443 ccm:lb-2:443 | Notice ListenerManagedByCcm; MoveListener c0 lb-1:443; DeleteRetired c0
      Rebind, but no listener found: it waits      | true  | -                  | -
      """)
  void afterARefusedDeletion(String situation, boolean mayMove, String uses, String expected) {
    var refused = new Step.DeleteRetired(new RetiredCertificate("c0", "zz", "2026-12-01T00:00:00Z"), "c1", mayMove);

    List<Step> next = UpkeepPlan.afterRefusal(refused, words(uses).stream().map(UpkeepPlanTest::use).toList(), "web");

    assertThat(next.stream().map(UpkeepPlanTest::describe).collect(Collectors.joining("; "))).as(situation).isEqualTo(expected == null ? "" : expected);
  }

  @Test
  void theCertificatesStillWaitingKeepTheirOrder() {
    RetiredCertificate a = new RetiredCertificate("a", "1", "t");
    RetiredCertificate b = new RetiredCertificate("b", "2", "t");
    RetiredCertificate c = new RetiredCertificate("c", "3", "t");
    var seen = new UpkeepPlan.Observation(subject(null), certificate("c1/aa/x"), List.of(),
        List.of(new UpkeepPlan.Retired(a, null, true), new UpkeepPlan.Retired(b, certificate("b/2/x"), false), new UpkeepPlan.Retired(c, certificate("c/3/x"), false)));
    RetiredCertificate cInUse = c.withInUseBy(List.of(use("lb-1:443")));

    List<RetiredCertificate> waiting = UpkeepPlan.stillWaiting(seen, Map.of("c", cInUse));

    assertThat(waiting).containsExactly(a, cInUse); // a: SLB did not answer; b: deleted; c: in use
  }

  private static Subject subject(String spec) {
    List<String> words = words(spec);
    boolean adopted = words.contains("adopted");
    String named = words.stream().filter(w -> w.startsWith("named:")).map(w -> w.substring(6)).findFirst().orElse(null);
    Map<String, String> wanted = new LinkedHashMap<>(tags(words.stream().filter(w -> w.startsWith("tags:")).map(w -> w.substring(5)).toList()));
    wanted.put(adopted ? OwnershipTags.ADOPTED_BY : OwnershipTags.OWNER, "me");
    wanted.put(OwnershipTags.CLUSTER, "a");
    return new Subject("me", "shop", "web", "a", adopted, !adopted || named != null, named != null ? named : NAME, wanted, words.contains("rebind"));
  }

  private static List<UpkeepPlan.Retired> retired(String text) {
    List<UpkeepPlan.Retired> retired = new ArrayList<>();
    if (text == null) {
      return retired;
    }
    if (text.startsWith("gone")) {
      return List.of(new UpkeepPlan.Retired(new RetiredCertificate("c7", "zz", "t"), null, false),
          new UpkeepPlan.Retired(new RetiredCertificate("c8", "zz", "t"), null, true));
    }
    SlbCertificate found = certificate(text.replaceFirst("^(\\S+)/(\\S+)", "$1/$2/old"));
    return List.of(new UpkeepPlan.Retired(new RetiredCertificate(found.id(), found.fingerprint(), "t"), found, false));
  }

  /** id/fingerprint/name tag=value ... */
  private static SlbCertificate certificate(String text) {
    List<String> words = words(text);
    String[] head = words.get(0).split("/");
    return new SlbCertificate(head[0], head.length > 2 ? head[2] : "x", "cn-hangzhou", head[1], "example.com", List.of(), null, null,
        tags(words.subList(1, words.size())), null, null);
  }

  private static List<SlbCertificate> certificates(String text) {
    return words(text).stream().map(w -> certificate(w + "/" + NAME + " owner=me cluster=a")).toList();
  }

  private static Map<String, String> tags(List<String> words) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String w : words) {
      String[] kv = w.split("=", 2);
      String key = switch (kv[0]) {
        case "owner" -> OwnershipTags.OWNER;
        case "adopted" -> OwnershipTags.ADOPTED_BY;
        case "cluster" -> OwnershipTags.CLUSTER;
        case "released" -> OwnershipTags.RELEASED_BY;
        default -> kv[0];
      };
      tags.put(key, kv[1]);
    }
    return tags;
  }

  /** lb-1:443, or ccm:lb-1:443 for a listener CCM manages. */
  private static CertificateUse use(String text) {
    boolean ccm = text.startsWith("ccm:");
    String[] lbPort = text.replaceFirst("^ccm:", "").split(":");
    return new CertificateUse(lbPort[0], Integer.parseInt(lbPort[1]), null, null).managedByCcm(ccm);
  }

  private static String describe(UpkeepPlan.Plan plan) {
    if (plan.refusal() != null) {
      return "refused " + plan.refusal().reason();
    }
    return plan.steps().stream().map(UpkeepPlanTest::describe).collect(Collectors.joining("; "));
  }

  private static String describe(Step step) {
    if (step instanceof Step.Rename s) {
      return "Rename " + s.id() + " " + s.from() + ">" + s.to();
    }
    if (step instanceof Step.Retag s) {
      return "Retag " + s.id() + s.set().entrySet().stream().map(e -> " +" + short_(e.getKey()) + "=" + e.getValue()).collect(Collectors.joining())
          + s.remove().stream().map(k -> " -" + short_(k)).collect(Collectors.joining());
    }
    if (step instanceof Step.DeleteDuplicate s) {
      return "DeleteDuplicate " + s.id();
    }
    if (step instanceof Step.DeleteRetired s) {
      return "DeleteRetired " + s.retired().getServerCertificateId() + (s.mayMoveListeners() ? " rebind" : "");
    }
    if (step instanceof Step.MoveListener s) {
      return "MoveListener " + s.retired().getServerCertificateId() + " " + Uses.describe(s.use());
    }
    if (step instanceof Step.Notice s) {
      return "Notice " + s.reason();
    }
    return step.toString();
  }

  private static String short_(String key) {
    return key.startsWith(OwnershipTags.PREFIX) ? key.substring(OwnershipTags.PREFIX.length()).replace("adopted-by", "adopted") : key;
  }

  private static List<String> words(String text) {
    return text == null ? List.of() : Arrays.stream(text.trim().split("\\s+")).toList();
  }
}
