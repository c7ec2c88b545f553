package dev.slbcert.slb;

/** Told about every SLB call attempt: action, outcome ({@code Success} or error code), duration. */
@FunctionalInterface
public interface SlbCallListener {
  void onCall(String action, String outcome, long durationNanos);
}
