package dev.slbcert.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.SlbCertificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adoption by id, one row per situation: the resource (UID me, namespace shop, cluster a) names
 * certificate c1, whose claim is foreign (no operator tag), released, me (already adopted by it),
 * owner-me (uploaded by it), other (another resource's) or cluster-b; - when SLB has no c1.
 */
class AdoptionPlanTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      SLB has no such certificate                        | -         | -  | true  | refused CertificateNotFound
      another tool's, the namespace allowed: tagged      | foreign   | -  | true  | Retag +adopted-by; Notice Adopted
      another tool's, the namespace not allowed          | foreign   | -  | false | refused AdoptionNotAllowed
      released by Retain, allowed: tagged, no more released | released | - | true | Retag +adopted-by -released-by; Notice Adopted
      released by Retain, not allowed                    | released  | -  | false | refused AdoptionNotAllowed
      adopted already, status names it: nothing          | me        | c1 | false | -
      adopted already, status lost: the Event again      | me        | -  | false | Notice Adopted
      one it uploaded: taken as it is                    | owner-me  | c1 | false | -
      another resource's: never                          | other     | -  | true  | refused CertificateOwnedByAnotherResource
      another cluster's: never                           | cluster-b | -  | true  | refused CertificateOwnedByAnotherCluster
      """)
  void decides(String situation, String claim, String statusId, boolean permitted, String expected) {
    Subject subject = new Subject("me", "shop", "web", "a", true, false, "k8s-a.shop.web",
        Map.of(OwnershipTags.ADOPTED_BY, "me", OwnershipTags.CLUSTER, "a"), false);

    AdoptionPlan.Decision decision = AdoptionPlan.adopt(subject, "c1", "cn-hangzhou", claim == null ? null : certificate(claim), statusId,
        permitted, "kubectl label namespace shop ...");

    assertThat(describe(decision)).as(situation).isEqualTo(expected == null ? "" : expected);
  }

  private static SlbCertificate certificate(String claim) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "x");
    switch (claim) {
      case "foreign" -> { }
      case "released" -> tags.put(OwnershipTags.RELEASED_BY, "shop@2026-12-01T00:00:00Z");
      case "me" -> tags.put(OwnershipTags.ADOPTED_BY, "me");
      case "owner-me" -> tags.put(OwnershipTags.OWNER, "me");
      case "other" -> tags.put(OwnershipTags.OWNER, "someone-else");
      case "cluster-b" -> tags.put(OwnershipTags.CLUSTER, "b");
      default -> throw new IllegalArgumentException(claim);
    }
    if (claim.equals("cluster-b")) {
      tags.put(OwnershipTags.ADOPTED_BY, "me");
    }
    return new SlbCertificate("c1", "their-name", "cn-hangzhou", "aa", "example.com", List.of(), null, null, tags, null, null);
  }

  private static String describe(AdoptionPlan.Decision decision) {
    if (decision.refusal() != null) {
      return "refused " + decision.refusal().reason();
    }
    assertThat(decision.certificate().id()).isEqualTo("c1");
    return decision.steps().stream().map(step -> {
      if (step instanceof Step.Retag r) {
        return "Retag" + r.set().keySet().stream().map(k -> " +" + k.substring(OwnershipTags.PREFIX.length())).collect(Collectors.joining())
            + r.remove().stream().map(k -> " -" + k.substring(OwnershipTags.PREFIX.length())).collect(Collectors.joining());
      }
      return step instanceof Step.Notice n ? "Notice " + n.reason() : step.toString();
    }).collect(Collectors.joining("; "));
  }
}
