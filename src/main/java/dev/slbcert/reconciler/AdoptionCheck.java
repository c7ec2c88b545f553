package dev.slbcert.reconciler;

/** Whether a namespace may adopt certificates made outside the operator, and import from Certificate Management Service. */
public interface AdoptionCheck {
  boolean allowed(String namespace);

  /** What an administrator does to open the namespace, for a refusal's message. */
  default String howToOpen(String namespace) {
    return dev.slbcert.ownership.AdoptionPermission.howToOpen(namespace, true);
  }

  AdoptionCheck NONE = namespace -> false;
}
