package dev.slbcert.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.api.v1alpha1.ServerCertificateStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconciledChangesTest {

  /**
   * A ServerCertificate as the informer sees it, from a compact description: generation, whether
   * it carries the finalizer, whether its deletion began, its check request ("-": none), and
   * whether its status says it is Ready.
   */
  private static ServerCertificate resource(long generation, boolean finalizer, boolean deleting, String checkRequestedAt, boolean statusWritten) {
    ServerCertificate sc = new ServerCertificate();
    sc.getMetadata().setName("shop-tls");
    sc.getMetadata().setNamespace("shop");
    sc.getMetadata().setGeneration(generation);
    sc.getMetadata().setFinalizers(new ArrayList<>(finalizer ? List.of(ServerCertificateReconciler.FINALIZER) : List.of()));
    if (deleting) {
      sc.getMetadata().setDeletionTimestamp("2026-12-07T18:00:00Z");
    }
    var annotations = new HashMap<String, String>();
    annotations.put("team", "payments");
    if (!"-".equals(checkRequestedAt)) {
      annotations.put(ReconciledChanges.CHECK_REQUESTED_AT, checkRequestedAt);
    }
    sc.getMetadata().setAnnotations(annotations);
    if (statusWritten) {
      sc.setStatus(new ServerCertificateStatus());
      sc.getStatus().setServerCertificateId("1231579085529123_17f5f4e3a1d_1");
    }
    return sc;
  }

  @ParameterizedTest(name = "{0}: reconciled at once = {11}")
  @CsvSource({
      // change                                      before: gen, fin,   del,   check, status | now: gen, fin,   del,   check, status | at once
      "'the operator wrote status',                   1,     true,  false, -,     false,         1,    true,  false, -,     true,    false",
      "'status written again, check unchanged',       1,     true,  false, t1,    true,          1,    true,  false, t1,    true,    false",
      "'the spec changed',                            1,     true,  false, -,     true,          2,    true,  false, -,     true,    true",
      "'the finalizer was just added',                1,     false, false, -,     false,         1,    true,  false, -,     false,   true",
      "'the finalizer is missing',                    1,     false, false, -,     false,         1,    false, false, -,     true,    true",
      "'the deletion began',                          1,     true,  false, -,     true,          1,    true,  true,  -,     true,    true",
      "'status written while deleting',               1,     true,  true,  -,     true,          1,    true,  true,  -,     true,    false",
      "'a check was requested',                       1,     true,  false, -,     true,          1,    true,  false, t1,    true,    true",
      "'a check was requested again',                 1,     true,  false, t1,    true,          1,    true,  false, t2,    true,    true",
      "'the check request was removed',               1,     true,  false, t1,    true,          1,    true,  false, -,     true,    true",
  })
  void onlyTheSpecTheFinalizerTheDeletionAndACheckRequestAreReconciledAtOnce(String change, long genBefore, boolean finBefore,
      boolean delBefore, String checkBefore, boolean statusBefore, long genNow, boolean finNow, boolean delNow, String checkNow,
      boolean statusNow, boolean atOnce) {
    ServerCertificate before = resource(genBefore, finBefore, delBefore, checkBefore, statusBefore);
    ServerCertificate now = resource(genNow, finNow, delNow, checkNow, statusNow);

    assertThat(new ReconciledChanges().accept(now, before)).as(change).isEqualTo(atOnce);
  }
}
