package dev.slbcert.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.ownership.OwnershipTags;
import dev.slbcert.slb.SlbCertificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What becomes of a deleted resource's certificates, one row per situation. The resource has UID
 * me in cluster a; a certificate is written id:claim, the claim being me (it uploaded it),
 * adopted (it adopted it), other (another resource's), cluster-b (another cluster's) or released.
 */
class DeletionPlanTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      Delete: nothing in SLB                                   | Delete | -  | -         | -
      Delete: the one in use and a retired one                 | Delete | c1 | c1:me c0:me | Delete c1; Delete c0
      Delete: an adopted one is deleted too                    | Delete | c1 | c1:adopted | Delete c1
      Delete: another resource's is named and left, first      | Delete | c1 | c1:me c5:other | Notice NotOwned; Delete c1
      Delete: another cluster's is left                        | Delete | c1 | c1:cluster-b | Notice NotOwned
      Delete: a released one is left                           | Delete | c1 | c1:released | Notice NotOwned
      Retain: its own is released                              | Retain | c1 | c1:me      | Release c1
      Retain: an adopted one is released                       | Retain | c1 | c1:adopted | Release c1
      Retain: another resource's is left, as it is             | Retain | c1 | c1:other   | Notice Retained c1
      Retain: gone from SLB                                    | Retain | c1 | -          | Notice Retained c1
      Retain: none ever made                                   | Retain | -  | -          | Notice Retained (none)
      """)
  void decides(String situation, String policy, String statusId, String found, String expected) {
    List<SlbCertificate> certificates = words(found).stream().map(DeletionPlanTest::certificate).toList();
    boolean retain = policy.equals("Retain");
    Subject subject = new Subject("me", "shop", "web", "a", false, true, "k8s-a.shop.web", Map.of(), false);

    List<Step> steps = DeletionPlan.decide(new DeletionPlan.Observation(subject, retain, statusId,
        retain && !certificates.isEmpty() ? certificates.get(0) : null, retain ? List.of() : certificates));

    assertThat(steps.stream().map(DeletionPlanTest::describe).collect(Collectors.joining("; "))).as(situation)
        .isEqualTo(expected == null ? "" : expected);
  }

  private static SlbCertificate certificate(String text) {
    String[] idClaim = text.split(":");
    Map<String, String> tags = new LinkedHashMap<>();
    switch (idClaim[1]) {
      case "me" -> tags.put(OwnershipTags.OWNER, "me");
      case "adopted" -> tags.put(OwnershipTags.ADOPTED_BY, "me");
      case "other" -> tags.put(OwnershipTags.OWNER, "someone-else");
      case "cluster-b" -> {
        tags.put(OwnershipTags.OWNER, "me");
        tags.put(OwnershipTags.CLUSTER, "b");
      }
      case "released" -> tags.put(OwnershipTags.RELEASED_BY, "shop@2026-12-01T00:00:00Z");
      default -> throw new IllegalArgumentException(text);
    }
    return new SlbCertificate(idClaim[0], "n", "cn-hangzhou", "aa", "example.com", List.of(), null, null, tags, null, null);
  }

  private static String describe(Step step) {
    if (step instanceof Step.Delete s) {
      return "Delete " + s.certificate().id();
    }
    if (step instanceof Step.Release s) {
      return "Release " + s.certificate().id();
    }
    if (step instanceof Step.Notice s) {
      return "Notice " + s.reason() + (s.reason().equals("Retained") ? " " + s.message().replaceAll("left SLB certificate (\\S+|\\(none\\)) in place.*", "$1") : "");
    }
    return step.toString();
  }

  private static List<String> words(String text) {
    return text == null ? List.of() : Arrays.stream(text.trim().split("\\s+")).toList();
  }
}
