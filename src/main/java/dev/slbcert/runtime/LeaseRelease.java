package dev.slbcert.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up a held Lease when a leader stops, so that a standby takes over at its next try instead
 * of waiting out the lease duration. The update carries the Lease's resourceVersion: if another
 * replica has already taken it, the server answers 409 and nothing is changed.
 */
final class LeaseRelease {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

  private LeaseRelease() {}

  /** Clears the holder of {@code namespace/name} if it is {@code identity}; returns true when released. */
  static boolean release(KubernetesClient kubernetes, String namespace, String name, String identity) {
    try {
      Lease lease = kubernetes.leases().inNamespace(namespace).withName(name).get();
      if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return false;
      }
      ZonedDateTime now = ZonedDateTime.now();
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      kubernetes.leases().inNamespace(namespace).resource(lease).update();
      LOG.info("released Lease {}/{}", namespace, name);
      return true;
    } catch (KubernetesClientException e) {
      // 409: another replica took the Lease meanwhile; otherwise the standby waits out the lease duration
      LOG.info("Lease {}/{} not released ({}); a standby takes over when it expires", namespace, name, e.getCode());
      return false;
    }
  }
}
