package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.CertificateUse;
import dev.slbcert.api.v1alpha1.ServerCertificate;
import dev.slbcert.plan.Uses;
import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbClient;
import dev.slbcert.slb.SlbException;
import dev.slbcert.status.Conditions;
import dev.slbcert.status.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * listenerRotation Rebind: moves the listeners and domain extensions that still use a retired
 * certificate of a resource to its current one. Only uses of that retired certificate are touched
 * (never another resource's), and every move sets the current id, so repeating one after a
 * restart or a fault changes nothing more.
 */
public final class ListenerRebinder {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerRebinder.class);

  private final SlbClient slb;
  private final ReferenceCache references;
  private final EventRecorder events;

  public ListenerRebinder(SlbClient slb, ReferenceCache references, EventRecorder events) {
    this.slb = slb;
    this.references = references;
    this.events = events;
  }

  /**
   * Moves each use of {@code retiredId} to {@code currentId}; stops at the first SLB failure (the
   * rest waits for the retry). The moves made are recorded in the region's last walk.
   */
  void moveAll(ServerCertificate resource, String regionId, String retiredId, String currentId, List<CertificateUse> uses) throws SlbException {
    List<CertificateReference> moved = new ArrayList<>();
    try {
      for (CertificateUse use : uses) {
        if (use.getDomainExtensionId() != null) {
          slb.moveDomainExtension(regionId, use.getDomainExtensionId(), currentId);
        } else {
          slb.moveListener(regionId, use.getLoadBalancerId(), use.getListenerPort(), currentId);
        }
        moved.add(Uses.reference(use));
        String what = Uses.describe(use);
        LOG.info("moved {} from SLB certificate {} to {}", what, retiredId, currentId);
        events.normal(resource, Conditions.LISTENER_MOVED, "moved " + what + " from certificate " + retiredId + " to " + currentId);
      }
    } finally {
      references.moved(regionId, retiredId, currentId, moved);
    }
  }
}
