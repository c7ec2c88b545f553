package dev.slbcert.reconciler;

/** Whether a namespace may adopt certificates made outside the operator, and import from Certificate Management Service. */
public interface AdoptionCheck {
  boolean allowed(String namespace);

  AdoptionCheck NONE = namespace -> false;
}
