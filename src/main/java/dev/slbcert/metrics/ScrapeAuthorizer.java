package dev.slbcert.metrics;

import dev.slbcert.metrics.ScrapeAccess.Decision;
import dev.slbcert.metrics.ScrapeAccess.Review;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the API server whether a scrape's bearer token may read {@code /metrics}: a TokenReview,
 * then a SubjectAccessReview for {@code get} on the non-resource URL. Answers are kept for
 * {@link #REMEMBER} per token (by its SHA-256, never the token itself), so a scrape every 30 s
 * costs the API server two requests a minute at most; at most {@link #MAX_REMEMBERED} tokens are
 * remembered, so random tokens cannot grow the memory.
 */
public final class ScrapeAuthorizer {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeAuthorizer.class);
  static final Duration REMEMBER = Duration.ofMinutes(1);
  static final int MAX_REMEMBERED = 64;
  public static final String PATH = "/metrics";

  private record Remembered(Decision decision, Instant until) {}

  private final KubernetesClient kubernetes;
  private final Clock clock;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  public ScrapeAuthorizer(KubernetesClient kubernetes, Clock clock) {
    this.kubernetes = kubernetes;
    this.clock = clock;
  }

  /** The decision for a request's {@code Authorization} header. */
  public Decision decide(String authorization) {
    String token = ScrapeAccess.bearerToken(authorization);
    if (token == null) {
      return ScrapeAccess.decide(false, Review.NOT_ASKED, Review.NOT_ASKED);
    }
    String key = sha256(token);
    Instant now = clock.instant();
    Remembered known = remembered.get(key);
    if (known != null && now.isBefore(known.until())) {
      return known.decision();
    }
    Decision decision = review(token);
    if (decision != Decision.UNAVAILABLE) {
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.values().removeIf(r -> !now.isBefore(r.until()));
        if (remembered.size() >= MAX_REMEMBERED) {
          remembered.clear();
        }
      }
      remembered.put(key, new Remembered(decision, now.plus(REMEMBER)));
    }
    return decision;
  }

  private Decision review(String token) {
    UserInfo user;
    try {
      TokenReview review = kubernetes.authentication().v1().tokenReviews()
          .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
      boolean authenticated = review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAuthenticated());
      if (!authenticated) {
        return ScrapeAccess.decide(true, Review.NO, Review.NOT_ASKED);
      }
      user = review.getStatus().getUser();
    } catch (KubernetesClientException e) {
      LOG.warn("metrics scrape refused: the API server did not answer the TokenReview: {}", e.getMessage());
      return ScrapeAccess.decide(true, Review.UNANSWERED, Review.NOT_ASKED);
    }
    try {
      SubjectAccessReview access = kubernetes.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder().withNewSpec()
          .withUser(user.getUsername()).withUid(user.getUid()).withGroups(user.getGroups()).withExtra(user.getExtra())
          .withNewNonResourceAttributes().withPath(PATH).withVerb("get").endNonResourceAttributes()
          .endSpec().build());
      boolean allowed = access.getStatus() != null && Boolean.TRUE.equals(access.getStatus().getAllowed());
      if (!allowed) {
        LOG.info("metrics scrape refused: {} may not get {}", user.getUsername(), PATH);
      }
      return ScrapeAccess.decide(true, Review.YES, allowed ? Review.YES : Review.NO);
    } catch (KubernetesClientException e) {
      LOG.warn("metrics scrape refused: the API server did not answer the SubjectAccessReview: {}", e.getMessage());
      return ScrapeAccess.decide(true, Review.YES, Review.UNANSWERED);
    }
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
