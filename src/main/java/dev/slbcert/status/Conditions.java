package dev.slbcert.status;

/**
 * Condition types and reasons: the one place they are defined. Events reuse the reasons.
 */
public final class Conditions {
  private Conditions() {}

  /** The certificate exists in SLB as the spec asks. */
  public static final String READY = "Ready";
  /** Deletion waits because listeners or domain extensions still use a certificate. */
  public static final String DELETION_BLOCKED = "DeletionBlocked";

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  /** Ready=True: the certificate is in SLB with the name and tags asked for. */
  public static final String AVAILABLE = "Available";
  /** Ready=False: the resource is being deleted. */
  public static final String DELETING = "Deleting";
  /** Ready=False: the Secret named by spec.secretRef does not exist in the namespace. */
  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  /** Ready=False: the Secret is not of type kubernetes.io/tls, lacks tls.crt or tls.key, or is too large. */
  public static final String INVALID_SECRET = "InvalidSecret";
  /** Ready=False: the PEM is unreadable, the key does not match, is encrypted, or the chain is out of order. */
  public static final String INVALID_CERTIFICATE = "InvalidCertificate";
  /** Ready=False: the certificate's validity has ended. */
  public static final String CERTIFICATE_EXPIRED = "CertificateExpired";
  /** Ready=False: the Secret hands the operator more than it takes: a PEM larger than its limit, or a chain of too many certificates. */
  public static final String INPUT_TOO_LARGE = "InputTooLarge";
  /** Ready=False: a key SLB does not take: not RSA or EC, an RSA key outside 1,024 to 4,096 bits, or an EC key on another curve than P-256, P-384, P-521. */
  public static final String UNSUPPORTED_KEY = "UnsupportedKey";
  /** Ready=False: the spec breaks a rule SLB would refuse (name, tags, sources). */
  public static final String INVALID_SPEC = "InvalidSpec";
  /** Ready=False: the region's certificate quota is used up. */
  public static final String QUOTA_EXCEEDED = "QuotaExceeded";
  /** Ready=False: SLB refused the credentials or the permission. */
  public static final String ACCESS_DENIED = "AccessDenied";
  /** Ready=False: no SLB credentials could be obtained (RRSA's STS refused, the ECS metadata service did not answer). */
  public static final String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";
  /** Ready=False: the adopted certificate id does not exist in the region. */
  public static final String CERTIFICATE_NOT_FOUND = "CertificateNotFound";
  /** Ready=False: SLB is throttling or unavailable; the operator retries with backoff. */
  public static final String SLB_UNAVAILABLE = "SlbUnavailable";
  /** Ready=False: SLB refused a request for another reason; the message has SLB's code. */
  public static final String SLB_ERROR = "SlbError";
  /** Ready=False: the certificate was made outside the operator (or comes from Certificate Management Service) and the namespace may not adopt or import. */
  public static final String ADOPTION_NOT_ALLOWED = "AdoptionNotAllowed";
  /** Ready=False: the certificate belongs to another ServerCertificate (its owner or adopted-by tag). */
  public static final String OWNED_BY_ANOTHER_RESOURCE = "CertificateOwnedByAnotherResource";
  /** Ready=False: the certificate is tagged by the operator of another cluster. */
  public static final String OWNED_BY_ANOTHER_CLUSTER = "CertificateOwnedByAnotherCluster";
  /** Event: a certificate this resource neither uploaded nor adopted (or only adopted) was left as it is. */
  public static final String NOT_OWNED = "NotOwned";
  /** DeletionBlocked=True: SLB refuses the deletion while listeners use the certificate. */
  public static final String CERTIFICATE_IN_USE = "CertificateInUse";

  /** Event: a certificate was uploaded. */
  public static final String UPLOADED = "Uploaded";
  /** Event: a certificate no resource claimed, named by spec.serverCertificateId, was adopted. */
  public static final String ADOPTED = "Adopted";
  /** Event: an earlier upload of this resource, whose answer was lost, was found with the Secret's content and is used. */
  public static final String UPLOAD_FOUND = "UploadFound";
  /** Event: a certificate this namespace's resource had released (deletionPolicy Retain) was taken back instead of uploading it again. */
  public static final String TAKEN_BACK = "TakenBack";
  /** Event: the certificate had been deleted outside the operator and was uploaded again. */
  public static final String RECREATED = "Recreated";
  /** Event: new Secret content replaced the certificate; the old one is retired. */
  public static final String ROTATED = "Rotated";
  /** Event: the certificate was renamed in SLB. */
  public static final String RENAMED = "Renamed";
  /** Event: a certificate was deleted from SLB. */
  public static final String DELETED = "Deleted";
  /** Event: deletion left the certificate in SLB (deletionPolicy Retain). */
  public static final String RETAINED = "Retained";
  /** Event: a second certificate with the same content and this resource's owner tag (a split brain, a lost upload answer) was deleted. */
  public static final String DUPLICATE_DELETED = "DuplicateDeleted";
  /** Event: the resource was deleted without an SLB call, because SLB does not know its region (nothing can exist there). */
  public static final String REGION_UNKNOWN = "RegionUnknown";
  /** Event: deletion with deletionPolicy Retain released the certificate: tagged with the namespace that released it, no resource's claim. */
  public static final String RELEASED = "Released";
  /** A Retain deletion waits: its namespace holds as many released certificates in the region as it may. */
  public static final String RETAIN_LIMIT_REACHED = "RetainLimitReached";
  /** Warning event: SLB refused a deletion because the certificate is in use. */
  public static final String DELETION_BLOCKED_EVENT = "DeletionBlocked";

  /** Event: after a renewal, a listener or domain extension that used a retired certificate was moved to the current one (listenerRotation Rebind). */
  public static final String LISTENER_MOVED = "ListenerMoved";
  /** Warning event: Rebind left a listener alone because ACK's cloud controller manager owns it (Description k8s/...). */
  public static final String LISTENER_MANAGED_BY_CCM = "ListenerManagedByCcm";
  /** Warning event on a Service: ACK's cloud controller manager will not move its listener (a reused load balancer without force-override-listeners). */
  public static final String LISTENER_NOT_MOVED_BY_CCM = "ListenerNotMovedByCcm";
  /** Warning event on a Service: its ServerCertificate is in another region than the cluster's, so CCM cannot use it; the annotation is left as it is. */
  public static final String CERTIFICATE_IN_ANOTHER_REGION = "CertificateInAnotherRegion";
  /** Event on a Service: its certificate-id annotation was set to the bound ServerCertificate's current certificate. */
  public static final String CERTIFICATE_BOUND = "CertificateBound";
  /** Warning event on a Service: its label names a ServerCertificate that does not exist in its namespace. */
  public static final String SERVER_CERTIFICATE_NOT_FOUND = "ServerCertificateNotFound";
  /** Warning event on a Service: the ServerCertificate its label names is not Ready; the annotation is left as it is. */
  public static final String SERVER_CERTIFICATE_NOT_READY = "ServerCertificateNotReady";
  /** Warning event, at most once a day: the managed certificate expires within SLBCERT_EXPIRY_WARNING. */
  public static final String EXPIRING_SOON = "ExpiringSoon";
}
