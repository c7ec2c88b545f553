package dev.slbcert.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.UploadInFlight;
import dev.slbcert.slb.SlbCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which certificate a Secret-sourced resource uses, one row per situation; the Secret holds content "aa". */
class SecretSourcePlanTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Duration SETTLE = Duration.ofSeconds(30);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      new resource                                        | -     | -  | -                     | -                      | -                    | -   | Upload
      the current certificate holds the content           | c-cur | aa | c-cur:aa:09           | c-cur:aa:09            | -                    | -   | KeepCurrent c-cur
      renewal: the Secret holds new content               | c-cur | zz | c-cur:zz:09           | c-cur:zz:09            | -                    | -   | Upload
      renewal after a lost answer: its copy is listed     | c-cur | zz | c-cur:zz:09           | c-cur:zz:09 c-new:aa:11 | -                   | 5   | TakeOverCopy c-new
      lost upload settling, its copy not yet listed       | c-cur | zz | c-cur:zz:09           | c-cur:zz:09            | -                    | 5   | WaitForLostUpload
      lost upload settled without a copy                  | c-cur | zz | c-cur:zz:09           | c-cur:zz:09            | -                    | 60  | Upload
      two copies (a split brain): the oldest              | -     | -  | -                     | c-b:aa:10 c-a:aa:08    | -                    | -   | TakeOverCopy c-a
      deleted in the console: uploaded again              | c-gone| aa | -                     | -                      | -                    | -   | Upload recreated
      created again after Retain: taken back              | -     | -  | -                     | -                      | c-rel:aa:07          | -   | TakeBack c-rel
      released with other content: uploaded               | -     | -  | -                     | -                      | c-rel:zz:07          | -   | Upload
      a copy of its own before a released one             | -     | -  | -                     | c-own:aa:10            | c-rel:aa:07          | -   | TakeOverCopy c-own
      released twice: the oldest taken back               | -     | -  | -                     | -                      | c-r2:aa:08 c-r1:aa:07 | -  | TakeBack c-r1
      the current one even when a copy exists             | c-cur | aa | c-cur:aa:09           | c-cur:aa:09 c-old:aa:08 | -                   | -   | KeepCurrent c-cur
      """)
  void decides(String situation, String statusId, String statusFingerprint, String current, String uploadedBefore, String released,
      Integer lostUploadSecondsAgo, String expected) {
    UploadInFlight lost = lostUploadSecondsAgo == null ? null
        : new UploadInFlight("shop.shop-tls", "aa", NOW.minusSeconds(lostUploadSecondsAgo).toString());

    SecretSourcePlan.Step step = SecretSourcePlan.decide(new SecretSourcePlan.Observation("aa", statusId, statusFingerprint,
        current == null ? null : certificates(current).get(0), certificates(uploadedBefore), certificates(released), lost, NOW, SETTLE));

    assertThat(describe(step)).as(situation).isEqualTo(expected);
  }

  private static String describe(SecretSourcePlan.Step step) {
    if (step instanceof SecretSourcePlan.KeepCurrent s) {
      return "KeepCurrent " + s.certificate().id();
    }
    if (step instanceof SecretSourcePlan.TakeOverCopy s) {
      return "TakeOverCopy " + s.certificate().id();
    }
    if (step instanceof SecretSourcePlan.TakeBack s) {
      return "TakeBack " + s.certificate().id();
    }
    if (step instanceof SecretSourcePlan.WaitForLostUpload) {
      return "WaitForLostUpload";
    }
    return ((SecretSourcePlan.Upload) step).recreated() ? "Upload recreated" : "Upload";
  }

  /** "id:fingerprint:hour id:fingerprint:hour": certificates made at that hour of the day. */
  private static List<SlbCertificate> certificates(String list) {
    if (list == null) {
      return List.of();
    }
    return Arrays.stream(list.trim().split("\\s+")).map(token -> {
      String[] parts = token.split(":");
      return new SlbCertificate(parts[0], "shop.shop-tls", "cn-hangzhou", parts[1], "shop.example.com", List.of(), NOW.plus(Duration.ofDays(90)),
          null, null, null, Instant.parse("2026-12-07T" + parts[2] + ":00:00Z"));
    }).toList();
  }
}
