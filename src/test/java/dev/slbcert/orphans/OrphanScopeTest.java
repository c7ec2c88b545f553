package dev.slbcert.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which cluster the orphans command acts for, and when it refuses to delete. */
class OrphanScopeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      the connected cluster, by default                    | -    | -    | here | true  | -     | LOCAL  | here | -
      the connected cluster, named                         | here | -    | here | true  | -     | LOCAL  | here | -
      the connected cluster, configured                    | -    | here | here | true  | -     | LOCAL  | here | -
      another cluster, listed only                         | away | -    | here | false | -     | REMOTE | away | -
      another cluster, deleted without saying it is gone   | away | -    | here | true  | -     | REMOTE | away | --cluster-gone away
      another cluster, said gone                           | away | -    | here | true  | away  | REMOTE | away | -
      another cluster, a different one said gone           | away | -    | here | true  | other | REMOTE | away | --cluster-gone away
      a stale setting, deleted                             | -    | away | here | true  | -     | REMOTE | away | SLBCERT_CLUSTER_ID=away
      the connected id unreadable, deleted                 | away | -    | -    | true  | -     | REMOTE | away | its id cannot be read
      nothing known                                        | -    | -    | -    | false | -     | REMOTE | -    | give --cluster-id
      """)
  void actsForTheConnectedClusterOrForAnotherOnlyWhenToldItIsGone(String what, String option, String configured, String connected,
      boolean deleting, String gone, OrphanScope.Kind kind, String cluster, String refusal) {
    OrphanScope.Plan plan = OrphanScope.plan(option, configured, connected, deleting, gone);

    assertThat(plan.kind()).isEqualTo(kind);
    assertThat(plan.clusterId()).isEqualTo(cluster);
    if (refusal == null) {
      assertThat(plan.refusal()).isNull();
    } else {
      assertThat(plan.refusal()).contains(refusal);
    }
  }
}
