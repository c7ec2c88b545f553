package dev.slbcert.slb;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.InstanceProfileCredentialsProvider;
import com.aliyuncs.auth.OIDCCredentialsProvider;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.slb.model.v20140515.CreateDomainExtensionRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerHTTPSListenerRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerRequest;
import com.aliyuncs.slb.model.v20140515.DeleteDomainExtensionRequest;
import com.aliyuncs.slb.model.v20140515.DeleteLoadBalancerListenerRequest;
import com.aliyuncs.slb.model.v20140515.DeleteLoadBalancerRequest;
import com.aliyuncs.slb.model.v20140515.DeleteServerCertificateRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerAttributeRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerAttributeResponse;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerHTTPSListenerAttributeRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerHTTPSListenerAttributeResponse;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancersRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancersResponse;
import com.aliyuncs.slb.model.v20140515.DescribeServerCertificatesRequest;
import com.aliyuncs.slb.model.v20140515.DescribeServerCertificatesResponse;
import com.aliyuncs.slb.model.v20140515.SetDomainExtensionAttributeRequest;
import com.aliyuncs.slb.model.v20140515.SetLoadBalancerHTTPSListenerAttributeRequest;
import com.aliyuncs.slb.model.v20140515.SetServerCertificateNameRequest;
import com.aliyuncs.slb.model.v20140515.TagResourcesRequest;
import com.aliyuncs.slb.model.v20140515.UntagResourcesRequest;
import com.aliyuncs.slb.model.v20140515.UploadServerCertificateRequest;
import com.aliyuncs.slb.model.v20140515.UploadServerCertificateResponse;
import dev.slbcert.slb.SlbException.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that speaks to SLB through the Alibaba Cloud Java SDK: signs, rate-limits,
 * retries what can be retried, and turns SDK failures into {@link SlbException}s whose messages
 * never carry request parameters (a request may hold a private key).
 */
public final class AliyunSlbClient implements SlbClient, LoadBalancerAdmin, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AliyunSlbClient.class);
  private static final String CERTIFICATE_RESOURCE = "certificate";
  private static final int TAGS_PER_CALL = 20;
  private static final int LOAD_BALANCER_PAGE = 100;

  private final IAcsClient client;
  private final SlbClientSettings settings;
  private final ClientRateLimiter limiter;
  private final RandomGenerator random = RandomGenerator.getDefault();
  private final List<SlbCallListener> listeners = new ArrayList<>();

  public AliyunSlbClient(SlbClientSettings settings) {
    this.settings = settings;
    this.limiter = new ClientRateLimiter(settings.qps());
    DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou");
    HttpClientConfig http = HttpClientConfig.getDefault();
    http.setConnectionTimeoutMillis(settings.connectTimeout().toMillis());
    http.setReadTimeoutMillis(settings.readTimeout().toMillis());
    profile.setHttpClientConfig(http);
    this.client = new DefaultAcsClient(profile, credentialsProvider(settings.credentials()));
  }

  /** Observers of every call (metrics); add before use. */
  public AliyunSlbClient addListener(SlbCallListener listener) {
    listeners.add(listener);
    return this;
  }

  @Override
  public SlbCertificate upload(CertificateUpload upload) throws SlbException {
    // Not idempotent: only retried when SLB surely did nothing (throttled before processing).
    UploadServerCertificateResponse r = call(upload.regionId(), false, () -> {
      UploadServerCertificateRequest req = new UploadServerCertificateRequest();
      req.setServerCertificateName(upload.name());
      req.setResourceGroupId(upload.resourceGroupId());
      if (upload.isPem()) {
        req.setServerCertificate(upload.certificatePem());
        req.setPrivateKey(upload.privateKeyPem());
      } else {
        req.setAliCloudCertificateId(upload.aliCloudCertificateId());
        req.setAliCloudCertificateName(upload.aliCloudCertificateName());
        req.setAliCloudCertificateRegionId(upload.aliCloudCertificateRegionId());
      }
      return req;
    });
    return new SlbCertificate(r.getServerCertificateId(), r.getServerCertificateName(), upload.regionId(), r.getFingerprint(),
        r.getCommonName(), r.getSubjectAlternativeNames(), instant(r.getExpireTimeStamp(), r.getExpireTime()), r.getResourceGroupId(), Map.of(),
        blankToNull(r.getAliCloudCertificateId()));
  }

  @Override
  public Optional<SlbCertificate> find(String regionId, String certificateId) throws SlbException {
    return describe(regionId, certificateId).stream().filter(c -> c.id().equals(certificateId)).findFirst();
  }

  @Override
  public List<SlbCertificate> list(String regionId) throws SlbException {
    return describe(regionId, null);
  }

  private List<SlbCertificate> describe(String regionId, String certificateId) throws SlbException {
    DescribeServerCertificatesResponse r = call(regionId, true, () -> {
      DescribeServerCertificatesRequest req = new DescribeServerCertificatesRequest();
      req.setServerCertificateId(certificateId);
      return req;
    });
    List<SlbCertificate> certificates = new ArrayList<>();
    for (DescribeServerCertificatesResponse.ServerCertificate c : r.getServerCertificates()) {
      Map<String, String> tags = new LinkedHashMap<>();
      if (c.getTags() != null) {
        c.getTags().forEach(t -> tags.put(t.getTagKey(), t.getTagValue() == null ? "" : t.getTagValue()));
      }
      certificates.add(new SlbCertificate(c.getServerCertificateId(), c.getServerCertificateName(),
          c.getRegionId() != null ? c.getRegionId() : regionId, c.getFingerprint(), c.getCommonName(), c.getSubjectAlternativeNames(),
          instant(c.getExpireTimeStamp(), c.getExpireTime()), c.getResourceGroupId(), tags, blankToNull(c.getAliCloudCertificateId())));
    }
    return certificates;
  }

  @Override
  public void delete(String regionId, String certificateId) throws SlbException {
    call(regionId, true, () -> {
      DeleteServerCertificateRequest req = new DeleteServerCertificateRequest();
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  @Override
  public void rename(String regionId, String certificateId, String name) throws SlbException {
    call(regionId, true, () -> {
      SetServerCertificateNameRequest req = new SetServerCertificateNameRequest();
      req.setServerCertificateId(certificateId);
      req.setServerCertificateName(name);
      return req;
    });
  }

  @Override
  public void tag(String regionId, String certificateId, Map<String, String> tags) throws SlbException {
    List<Map.Entry<String, String>> entries = new ArrayList<>(tags.entrySet());
    for (int from = 0; from < entries.size(); from += TAGS_PER_CALL) {
      List<Map.Entry<String, String>> chunk = entries.subList(from, Math.min(entries.size(), from + TAGS_PER_CALL));
      call(regionId, true, () -> {
        TagResourcesRequest req = new TagResourcesRequest();
        req.setResourceType(CERTIFICATE_RESOURCE);
        req.setResourceIds(List.of(certificateId));
        List<TagResourcesRequest.Tag> sdkTags = new ArrayList<>();
        for (Map.Entry<String, String> e : chunk) {
          TagResourcesRequest.Tag t = new TagResourcesRequest.Tag();
          t.setKey(e.getKey());
          t.setValue(e.getValue());
          sdkTags.add(t);
        }
        req.setTags(sdkTags);
        return req;
      });
    }
  }

  @Override
  public void untag(String regionId, String certificateId, Collection<String> keys) throws SlbException {
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += TAGS_PER_CALL) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + TAGS_PER_CALL));
      call(regionId, true, () -> {
        UntagResourcesRequest req = new UntagResourcesRequest();
        req.setResourceType(CERTIFICATE_RESOURCE);
        req.setResourceIds(List.of(certificateId));
        req.setTagKeys(new ArrayList<>(chunk));
        return req;
      });
    }
  }

  @Override
  public Map<String, List<CertificateReference>> listReferences(String regionId) throws SlbException {
    Map<String, List<CertificateReference>> references = new HashMap<>();
    for (String lbId : loadBalancerIds(regionId)) {
      DescribeLoadBalancerAttributeResponse lb = call(regionId, true, () -> {
        DescribeLoadBalancerAttributeRequest req = new DescribeLoadBalancerAttributeRequest();
        req.setLoadBalancerId(lbId);
        return req;
      });
      if (lb.getListenerPortsAndProtocol() == null) {
        continue;
      }
      for (DescribeLoadBalancerAttributeResponse.ListenerPortAndProtocol lp : lb.getListenerPortsAndProtocol()) {
        if ("https".equalsIgnoreCase(lp.getListenerProtocol())) {
          addListenerReferences(regionId, lbId, lp.getListenerPort(), references);
        }
      }
    }
    return references;
  }

  private void addListenerReferences(String regionId, String lbId, int port, Map<String, List<CertificateReference>> into) throws SlbException {
    DescribeLoadBalancerHTTPSListenerAttributeResponse listener;
    try {
      listener = call(regionId, true, () -> {
        DescribeLoadBalancerHTTPSListenerAttributeRequest req = new DescribeLoadBalancerHTTPSListenerAttributeRequest();
        req.setLoadBalancerId(lbId);
        req.setListenerPort(port);
        return req;
      });
    } catch (SlbException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return; // removed while we walked
      }
      throw e;
    }
    if (listener.getServerCertificateId() != null) {
      into.computeIfAbsent(listener.getServerCertificateId(), id -> new ArrayList<>()).add(CertificateReference.listener(lbId, port));
    }
    if (listener.getDomainExtensions() != null) {
      for (var de : listener.getDomainExtensions()) {
        into.computeIfAbsent(de.getServerCertificateId(), id -> new ArrayList<>())
            .add(CertificateReference.domainExtension(lbId, port, de.getDomainExtensionId(), de.getDomain()));
      }
    }
  }

  private List<String> loadBalancerIds(String regionId) throws SlbException {
    List<String> ids = new ArrayList<>();
    for (int page = 1; ; page++) {
      int pageNumber = page;
      DescribeLoadBalancersResponse r = call(regionId, true, () -> {
        DescribeLoadBalancersRequest req = new DescribeLoadBalancersRequest();
        req.setPageNumber(pageNumber);
        req.setPageSize(LOAD_BALANCER_PAGE);
        return req;
      });
      r.getLoadBalancers().forEach(lb -> ids.add(lb.getLoadBalancerId()));
      if (r.getLoadBalancers().isEmpty() || ids.size() >= r.getTotalCount()) {
        return ids;
      }
    }
  }

  @Override
  public String createLoadBalancer(String regionId, String name) throws SlbException {
    String token = java.util.UUID.randomUUID().toString();
    return call(regionId, true, () -> {
      CreateLoadBalancerRequest req = new CreateLoadBalancerRequest();
      req.setLoadBalancerName(name);
      req.setClientToken(token); // makes the retried create idempotent
      return req;
    }).getLoadBalancerId();
  }

  @Override
  public void deleteLoadBalancer(String regionId, String loadBalancerId) throws SlbException {
    call(regionId, true, () -> {
      DeleteLoadBalancerRequest req = new DeleteLoadBalancerRequest();
      req.setLoadBalancerId(loadBalancerId);
      return req;
    });
  }

  @Override
  public void createHttpsListener(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    call(regionId, true, () -> {
      CreateLoadBalancerHTTPSListenerRequest req = new CreateLoadBalancerHTTPSListenerRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      req.setBackendServerPort(port);
      req.setBandwidth(-1);
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  @Override
  public void setListenerCertificate(String regionId, String loadBalancerId, int port, String certificateId) throws SlbException {
    call(regionId, true, () -> {
      SetLoadBalancerHTTPSListenerAttributeRequest req = new SetLoadBalancerHTTPSListenerAttributeRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  @Override
  public void deleteListener(String regionId, String loadBalancerId, int port) throws SlbException {
    call(regionId, true, () -> {
      DeleteLoadBalancerListenerRequest req = new DeleteLoadBalancerListenerRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      return req;
    });
  }

  @Override
  public String createDomainExtension(String regionId, String loadBalancerId, int port, String domain, String certificateId) throws SlbException {
    return call(regionId, false, () -> {
      CreateDomainExtensionRequest req = new CreateDomainExtensionRequest();
      req.setLoadBalancerId(loadBalancerId);
      req.setListenerPort(port);
      req.setDomain(domain);
      req.setServerCertificateId(certificateId);
      return req;
    }).getDomainExtensionId();
  }

  @Override
  public void setDomainExtensionCertificate(String regionId, String domainExtensionId, String certificateId) throws SlbException {
    call(regionId, true, () -> {
      SetDomainExtensionAttributeRequest req = new SetDomainExtensionAttributeRequest();
      req.setDomainExtensionId(domainExtensionId);
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  @Override
  public void deleteDomainExtension(String regionId, String domainExtensionId) throws SlbException {
    call(regionId, true, () -> {
      DeleteDomainExtensionRequest req = new DeleteDomainExtensionRequest();
      req.setDomainExtensionId(domainExtensionId);
      return req;
    });
  }

  /**
   * Sends a request built fresh for each attempt (new nonce and timestamp), retrying throttled
   * answers always and outcome-unknown ones only when {@code idempotent}.
   */
  private <T extends AcsResponse> T call(String regionId, boolean idempotent, Supplier<? extends AcsRequest<T>> build) throws SlbException {
    RetryPolicy retry = settings.retry();
    for (int attempt = 1; ; attempt++) {
      AcsRequest<T> request = build.get();
      prepare(request, regionId);
      String action = request.getSysActionName();
      SlbException failure;
      long started = System.nanoTime();
      try {
        limiter.acquire();
        T response = client.getAcsResponse(request);
        notifyListeners(action, "Success", started);
        return response;
      } catch (ServerException e) {
        failure = translate(action, e, true);
      } catch (ClientException e) {
        failure = translate(action, e, false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SlbException(Kind.UNAVAILABLE, "Interrupted", action + " was interrupted", null);
      }
      notifyListeners(action, failure.errorCode(), started);
      boolean mayRetry = failure.kind() == Kind.THROTTLED || (failure.retryable() && idempotent);
      if (!mayRetry || attempt >= retry.maxAttempts()) {
        throw failure;
      }
      long waitMs = retry.delay(attempt, random).toMillis();
      LOG.debug("SLB {} failed with {} (request {}); retry {} of {} in {} ms", action, failure.errorCode(), failure.requestId(),
          attempt, retry.maxAttempts() - 1, waitMs);
      sleep(waitMs);
    }
  }

  private void prepare(AcsRequest<?> request, String regionId) {
    request.setSysRegionId(regionId);
    // Per request: the SDK otherwise applies its own per-API timeout table over the client's.
    request.setSysConnectTimeout((int) settings.connectTimeout().toMillis());
    request.setSysReadTimeout((int) settings.readTimeout().toMillis());
    if (settings.endpoint() != null) {
      int port = settings.endpoint().getPort();
      request.setSysEndpoint(settings.endpoint().getHost() + (port > 0 ? ":" + port : ""));
      request.setSysProtocol("http".equalsIgnoreCase(settings.endpoint().getScheme()) ? ProtocolType.HTTP : ProtocolType.HTTPS);
    } else {
      request.setSysProtocol(ProtocolType.HTTPS);
    }
  }

  private static SlbException translate(String action, ClientException e, boolean serverError) {
    String code = e.getErrCode() == null ? "SDK.Unknown" : e.getErrCode();
    Kind kind = SlbErrorClassifier.classify(action, code, e.getErrMsg(), serverError);
    return new SlbException(kind, code, action + " failed: " + code + ": " + SlbMessages.describe(code, e.getErrMsg()), e.getRequestId());
  }

  private void notifyListeners(String action, String outcome, long startedNanos) {
    long nanos = System.nanoTime() - startedNanos;
    for (SlbCallListener l : listeners) {
      l.onCall(action, outcome, nanos);
    }
  }

  private static void sleep(long millis) throws SlbException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlbException(Kind.UNAVAILABLE, "Interrupted", "interrupted while waiting to retry", null);
    }
  }

  private static Instant instant(Long epochMillis, String text) {
    if (epochMillis != null && epochMillis > 0) {
      return Instant.ofEpochMilli(epochMillis);
    }
    return text == null || text.isEmpty() ? null : Instant.parse(text);
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static AlibabaCloudCredentialsProvider credentialsProvider(SlbCredentials credentials) {
    if (credentials instanceof SlbCredentials.StaticKeys k) {
      return new StaticCredentialsProvider(k.securityToken() == null
          ? new BasicCredentials(k.accessKeyId(), k.accessKeySecret())
          : new BasicSessionCredentials(k.accessKeyId(), k.accessKeySecret(), k.securityToken()));
    }
    if (credentials instanceof SlbCredentials.Oidc o) {
      return OIDCCredentialsProvider.builder()
          .roleArn(o.roleArn())
          .oidcProviderArn(o.oidcProviderArn())
          .oidcTokenFilePath(o.oidcTokenFile())
          .roleSessionName(o.roleSessionName())
          .build();
    }
    SlbCredentials.EcsRamRole role = (SlbCredentials.EcsRamRole) credentials;
    return new InstanceProfileCredentialsProvider(role.roleName());
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
