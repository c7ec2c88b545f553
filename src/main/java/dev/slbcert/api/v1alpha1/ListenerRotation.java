package dev.slbcert.api.v1alpha1;

/** What happens to listeners that still use a retired certificate after a renewal. */
public enum ListenerRotation {
  /** Nothing: the retired certificate waits until someone (or CCM, through a bound Service) moves them. */
  Manual,
  /** The operator moves them to the current certificate through the SLB API, then deletes the retired one. */
  Rebind
}
