package dev.slbcert.slb.aliyun;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log why the operator has no usable SLB credentials: one WARN when the reason
 * appears or changes (not one per call: every reconciliation fails the same way; a new request id
 * is no new reason), one INFO when credentials work again.
 */
final class CredentialsLog {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialsLog.class);
  private volatile String lastFailure;

  synchronized void failed(String why) {
    String reason = why.replaceAll(" ?\\((request|RequestID:?) [^)]*\\)", "");
    if (!Objects.equals(reason, lastFailure)) {
      LOG.warn("SLB credentials: {}", why);
      lastFailure = reason;
    }
  }

  /** Called on every call that had credentials: without a failure to clear, it takes no lock. */
  void worked(String source) {
    if (lastFailure == null) {
      return;
    }
    synchronized (this) {
      if (lastFailure != null) {
        LOG.info("SLB credentials work again ({})", source);
        lastFailure = null;
      }
    }
  }
}
