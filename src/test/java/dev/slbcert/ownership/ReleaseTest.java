package dev.slbcert.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which certificates count as released by a namespace, and how many a namespace may release. */
class ReleaseTest {
  private static final String CLUSTER = "cluster-a";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      released by shop in this cluster              | released-by=shop@2026-12-07T15:40:00Z;cluster=cluster-a               | shop
      released in another cluster                   | released-by=shop@2026-12-07T15:40:00Z;cluster=cluster-b               | -
      still claimed (a release cut short)           | released-by=shop@2026-12-07T15:40:00Z;owner=uid-1;cluster=cluster-a   | -
      adopted again since                           | released-by=shop@2026-12-07T15:40:00Z;adopted-by=uid-2;cluster=cluster-a | -
      no released-by tag                            | cluster=cluster-a                                                     | -
      a value without a time                        | released-by=shop;cluster=cluster-a                                    | -
      a value with a bad namespace                  | released-by=Shop!@2026-12-07T15:40:00Z;cluster=cluster-a              | -
      a value with a bad time                       | released-by=shop@yesterday;cluster=cluster-a                          | -
      """)
  void countsOnlyAWellFormedReleaseOfThisClusterThatNoResourceClaims(String what, String tags, String namespace) {
    Optional<Release> release = Release.of(tags(tags), CLUSTER);

    assertThat(release.map(Release::namespace).orElse(null)).isEqualTo(namespace);
  }

  @ParameterizedTest(name = "{0}: taken back by a resource of {2} = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      released by shop in this cluster              | released-by=shop@2026-12-07T15:40:00Z;cluster=cluster-a               | shop | true
      released by another namespace                 | released-by=blog@2026-12-07T15:40:00Z;cluster=cluster-a               | shop | false
      released in another cluster                  | released-by=shop@2026-12-07T15:40:00Z;cluster=cluster-b               | shop | false
      claimed again since                           | released-by=shop@2026-12-07T15:40:00Z;owner=uid-1;cluster=cluster-a   | shop | false
      made by another tool                          | cluster=cluster-a                                                     | shop | false
      """)
  void onlyACertificateItsNamespaceReleasedInThisClusterIsTakenBack(String what, String tags, String namespace, boolean takenBack) {
    assertThat(Ownership.takesBack(tags(tags), namespace, CLUSTER)).isEqualTo(takenBack);
  }

  @ParameterizedTest(name = "{0} released, limit {1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      0  | 10 | allowed
      9  | 10 | allowed
      10 | 10 | RetainLimitReached
      11 | 10 | RetainLimitReached
      0  | 0  | RetainLimitReached
      """)
  void aNamespaceReleasesUpToItsLimitInARegion(long released, int limit, String expected) {
    Verdict verdict = RetainLimit.mayRelease(released, limit, "shop", "cn-hangzhou", "cert-1");

    assertThat(verdict.allowed() ? "allowed" : verdict.reason()).isEqualTo(expected);
    if (!verdict.allowed()) {
      assertThat(verdict.message()).contains("cert-1").contains("namespace shop").contains("SLBCERT_RETAIN_LIMIT")
          .contains("spec.deletionPolicy to Delete").contains("--released-by shop --delete-released");
    }
  }

  @org.junit.jupiter.api.Test
  void theTagValueReadsBackAsTheSameRelease() {
    Release release = new Release("team-a", Instant.parse("2026-12-07T15:40:12.345Z"));

    assertThat(release.tagValue()).isEqualTo("team-a@2026-12-07T15:40:12Z").hasSizeLessThanOrEqualTo(128);
    assertThat(Release.parse(release.tagValue())).contains(release);
    assertThat(new Release("a".repeat(63), Instant.now()).tagValue()).hasSizeLessThanOrEqualTo(128);
  }

  private static Map<String, String> tags(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String pair : text.split(";")) {
      String[] kv = pair.split("=", 2);
      String key = kv[0].trim();
      tags.put(java.util.Set.of("owner", "adopted-by", "cluster", "released-by").contains(key) ? OwnershipTags.PREFIX + key : key, kv[1].trim());
    }
    return tags;
  }
}
