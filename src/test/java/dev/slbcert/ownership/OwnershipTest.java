package dev.slbcert.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.status.Conditions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whose a certificate is, and what a resource may do to it: every claim times every action. */
class OwnershipTest {
  private static final String ME = "uid-me";
  private static final String CLUSTER = "cluster-a";

  @ParameterizedTest(name = "{0} seen by {1} in {2}: {3}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      owner=uid-me;cluster=cluster-a                   | uid-me | cluster-a | OURS
      owner=uid-me                                     | uid-me | cluster-a | OURS
      owner=uid-me                                     | uid-me | -         | OURS
      adopted-by=uid-me;cluster=cluster-a              | uid-me | cluster-a | ADOPTED
      owner=uid-me;adopted-by=uid-me                   | uid-me | cluster-a | OURS
      ''                                               | uid-me | cluster-a | FOREIGN
      team=shop;managed-by=terraform                   | uid-me | cluster-a | FOREIGN
      team=shop                                        | uid-me | -         | FOREIGN
      owner=uid-other;cluster=cluster-a                | uid-me | cluster-a | OTHER_RESOURCE
      owner=uid-other                                  | uid-me | cluster-a | OTHER_RESOURCE
      adopted-by=uid-other;cluster=cluster-a           | uid-me | cluster-a | OTHER_RESOURCE
      owner=uid-other;adopted-by=uid-me                | uid-me | cluster-a | OTHER_RESOURCE
      owner=uid-me;cluster=cluster-b                   | uid-me | cluster-a | OTHER_CLUSTER
      owner=uid-other;cluster=cluster-b                | uid-me | cluster-a | OTHER_CLUSTER
      cluster=cluster-b                                | uid-me | cluster-a | OTHER_CLUSTER
      owner=uid-me;cluster=cluster-a                   | uid-me | -         | OTHER_CLUSTER
      released-by=shop@2026-12-01T12:00:00Z;cluster=cluster-a | uid-me | cluster-a | RELEASED
      released-by=shop@2026-12-01T12:00:00Z;cluster=cluster-b | uid-me | cluster-a | RELEASED
      released-by=shop@2026-12-01T12:00:00Z            | uid-me | -         | RELEASED
      released-by=shop@2026-12-01T12:00:00Z;owner=uid-me;cluster=cluster-a | uid-me | cluster-a | OURS
      released-by=shop@2026-12-01T12:00:00Z;adopted-by=uid-other;cluster=cluster-a | uid-me | cluster-a | OTHER_RESOURCE
      """)
  void classifiesACertificateByItsTags(String tags, String me, String cluster, Claim expected) {
    assertThat(Ownership.classify(tags(tags), me, cluster)).isEqualTo(expected);
  }

  /**
   * A release tags the namespace first and then removes the claim: cut short in between, the
   * certificate is still its resource's (which finishes the release); once done, it is no
   * resource's, its own former one included.
   */
  @Test
  void aReleasedCertificateIsNoResourcesButStaysItsResourcesUntilTheClaimIsGone() {
    Map<String, String> before = tags("owner=uid-gone;cluster=cluster-a;team=shop");
    Map<String, String> halfway = new LinkedHashMap<>(before);
    halfway.put(OwnershipTags.RELEASED_BY, new Release("shop", java.time.Instant.parse("2026-12-01T12:00:00Z")).tagValue());
    Map<String, String> released = new LinkedHashMap<>(halfway);
    OwnershipTags.CLAIM_KEYS.forEach(released::remove);

    assertThat(Ownership.classify(before, ME, CLUSTER)).isEqualTo(Claim.OTHER_RESOURCE);
    assertThat(Ownership.classify(halfway, "uid-gone", CLUSTER)).isEqualTo(Claim.OURS);
    assertThat(Ownership.classify(released, ME, CLUSTER)).isEqualTo(Claim.RELEASED);
    assertThat(Ownership.classify(released, "uid-gone", CLUSTER)).isEqualTo(Claim.RELEASED);
    assertThat(released).containsEntry(OwnershipTags.CLUSTER, "cluster-a").containsEntry("team", "shop");
  }

  @ParameterizedTest(name = "{0} x {1} (namespace open: {2}): {3}")
  @CsvSource(delimiter = '|', textBlock = """
      OURS           | ADOPT            | false | allowed
      OURS           | IMPORT           | false | allowed
      OURS           | RENAME           | false | allowed
      OURS           | RETAG            | false | allowed
      OURS           | DELETE           | false | allowed
      OURS           | DELETE_RETIRED   | false | allowed
      OURS           | MOVE_LISTENERS   | false | allowed
      OURS           | RELEASE          | false | allowed
      OURS           | DELETE_DUPLICATE | false | allowed
      ADOPTED        | ADOPT            | false | allowed
      ADOPTED        | IMPORT           | false | allowed
      ADOPTED        | RENAME           | false | allowed
      ADOPTED        | RETAG            | false | allowed
      ADOPTED        | DELETE           | false | allowed
      ADOPTED        | DELETE_RETIRED   | false | NotOwned
      ADOPTED        | MOVE_LISTENERS   | false | NotOwned
      ADOPTED        | RELEASE          | false | allowed
      ADOPTED        | DELETE_DUPLICATE | false | NotOwned
      FOREIGN        | ADOPT            | false | AdoptionNotAllowed
      FOREIGN        | ADOPT            | true  | allowed
      FOREIGN        | IMPORT           | false | AdoptionNotAllowed
      FOREIGN        | IMPORT           | true  | allowed
      FOREIGN        | RENAME           | true  | NotOwned
      FOREIGN        | RETAG            | true  | NotOwned
      FOREIGN        | DELETE           | true  | NotOwned
      FOREIGN        | DELETE_RETIRED   | true  | NotOwned
      FOREIGN        | MOVE_LISTENERS   | true  | NotOwned
      FOREIGN        | RELEASE          | true  | NotOwned
      FOREIGN        | DELETE_DUPLICATE | true  | NotOwned
      RELEASED       | ADOPT            | false | AdoptionNotAllowed
      RELEASED       | ADOPT            | true  | allowed
      RELEASED       | IMPORT           | false | AdoptionNotAllowed
      RELEASED       | IMPORT           | true  | allowed
      RELEASED       | RENAME           | true  | NotOwned
      RELEASED       | RETAG            | true  | NotOwned
      RELEASED       | DELETE           | true  | NotOwned
      RELEASED       | DELETE_RETIRED   | true  | NotOwned
      RELEASED       | MOVE_LISTENERS   | true  | NotOwned
      RELEASED       | RELEASE          | true  | NotOwned
      RELEASED       | DELETE_DUPLICATE | true  | NotOwned
      OTHER_RESOURCE | ADOPT            | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | IMPORT           | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | RENAME           | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | RETAG            | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | DELETE           | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | DELETE_RETIRED   | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | MOVE_LISTENERS   | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | RELEASE          | true  | CertificateOwnedByAnotherResource
      OTHER_RESOURCE | DELETE_DUPLICATE | true  | CertificateOwnedByAnotherResource
      OTHER_CLUSTER  | ADOPT            | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | IMPORT           | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | RENAME           | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | RETAG            | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | DELETE           | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | DELETE_RETIRED   | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | MOVE_LISTENERS   | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | RELEASE          | true  | CertificateOwnedByAnotherCluster
      OTHER_CLUSTER  | DELETE_DUPLICATE | true  | CertificateOwnedByAnotherCluster
      """)
  void decidesWhatAResourceMayDo(Claim claim, Action action, boolean namespaceOpen, String expected) {
    Verdict verdict = Ownership.may(claim, action, namespaceOpen, "tenant", "cert-1");

    assertThat(verdict.allowed() ? "allowed" : verdict.reason()).isEqualTo(expected);
    if (!verdict.allowed()) {
      assertThat(verdict.message()).contains("cert-1").doesNotContain("victim");
    }
  }

  @Test
  void theTableCoversEveryClaimAndAction() {
    // the table above has one row per pair (two for ADOPT and IMPORT of a foreign or released certificate); a new claim or action must be added there
    assertThat(Claim.values()).hasSize(6);
    assertThat(Action.values()).hasSize(9);
  }

  @Test
  void theAdoptionRefusalGivesTheCommandThatOpensTheNamespace() {
    Verdict verdict = Ownership.may(Claim.FOREIGN, Action.ADOPT, false, "shop", "cert-1");

    assertThat(verdict.message()).contains("kubectl label namespace shop slbcert.dev/adoption=allowed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      uploaded by a deleted resource, old, unused   | owner=uid-gone;cluster=cluster-a     | 3600 | false | DELETABLE
      uploaded by a deleted resource, old, in use   | owner=uid-gone;cluster=cluster-a     | 3600 | true  | IN_USE
      uploaded a moment ago                         | owner=uid-gone;cluster=cluster-a     | 5    | false | TOO_YOUNG
      creation time unknown                         | owner=uid-gone;cluster=cluster-a     | -    | false | TOO_YOUNG
      its resource lives                            | owner=uid-live;cluster=cluster-a     | 3600 | false | NOT_AN_ORPHAN
      another cluster's                             | owner=uid-gone;cluster=cluster-b     | 3600 | false | NOT_AN_ORPHAN
      without a cluster tag                         | owner=uid-gone                       | 3600 | false | NOT_AN_ORPHAN
      adopted by a deleted resource                 | adopted-by=uid-gone;cluster=cluster-a | 3600 | false | NOT_AN_ORPHAN
      released by Retain before released-by tags    | team=shop                            | 3600 | false | NOT_AN_ORPHAN
      released by Retain                            | released-by=shop@2026-12-01T11:00:00Z;cluster=cluster-a | 3600 | false | NOT_AN_ORPHAN
      """)
  void judgesOrphans(String what, String tags, Long ageSeconds, boolean inUse, OrphanRule.Finding expected) {
    java.time.Instant now = java.time.Instant.parse("2026-12-01T12:00:00Z");
    java.time.Instant created = ageSeconds == null ? null : now.minusSeconds(ageSeconds);

    assertThat(OrphanRule.judge(tags(tags), CLUSTER, java.util.Set.of("uid-live"), created, now, java.time.Duration.ofMinutes(10), inUse))
        .isEqualTo(expected);
  }

  @Test
  void reservedKeysAreThoseUnderTheOperatorsPrefix() {
    assertThat(OwnershipTags.CLAIM_KEYS).allMatch(OwnershipTags::isReserved);
    assertThat(OwnershipTags.isReserved("slbcert.dev/anything")).isTrue();
    assertThat(OwnershipTags.isReserved("team")).isFalse();
    assertThat(Conditions.ADOPTION_NOT_ALLOWED).isEqualTo("AdoptionNotAllowed");
  }

  /** {@code owner=u1;cluster=c1;team=shop}: owner, adopted-by, cluster and released-by stand for the operator's keys under slbcert.dev/. */
  private static Map<String, String> tags(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return tags;
    }
    for (String pair : text.split(";")) {
      String[] kv = pair.split("=", 2);
      String key = kv[0].trim();
      tags.put(Set.of("owner", "adopted-by", "cluster", "released-by").contains(key) ? OwnershipTags.PREFIX + key : key, kv[1].trim());
    }
    return tags;
  }
}
