package dev.slbcert.metrics;

/**
 * Who may read {@code /metrics}: the rule, as data. A scrape needs a bearer token that the API
 * server authenticates (TokenReview) and whose user it authorizes for {@code get} on the
 * non-resource URL {@code /metrics} (SubjectAccessReview), as kube-rbac-proxy and kubebuilder's
 * scaffold do.
 */
public final class ScrapeAccess {
  private ScrapeAccess() {}

  /** The answer to a scrape, with its HTTP status. */
  public enum Decision {
    ALLOWED(200),
    /** No bearer token, or one the API server does not authenticate. */
    UNAUTHENTICATED(401),
    /** An authenticated user without {@code get} on {@code /metrics}. */
    FORBIDDEN(403),
    /** The API server could not be asked; the scrape may try again. */
    UNAVAILABLE(503);

    private final int status;

    Decision(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** What the API server answered about a token, or that it could not be asked. */
  public enum Review { YES, NO, UNANSWERED, NOT_ASKED }

  /** The bearer token of an {@code Authorization} header, or null. */
  public static String bearerToken(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    if (value.length() <= 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = value.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  /**
   * @param hasToken whether the request carries a bearer token
   * @param authenticated the TokenReview's answer
   * @param authorized the SubjectAccessReview's answer (NOT_ASKED when not authenticated)
   */
  public static Decision decide(boolean hasToken, Review authenticated, Review authorized) {
    if (!hasToken || authenticated == Review.NO) {
      return Decision.UNAUTHENTICATED;
    }
    if (authenticated != Review.YES) {
      return Decision.UNAVAILABLE;
    }
    return switch (authorized) {
      case YES -> Decision.ALLOWED;
      case NO -> Decision.FORBIDDEN;
      default -> Decision.UNAVAILABLE;
    };
  }
}
