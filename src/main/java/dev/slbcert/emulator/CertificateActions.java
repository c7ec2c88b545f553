package dev.slbcert.emulator;

import dev.slbcert.tls.CertificateBundle;
import dev.slbcert.tls.CertificateDetails;
import dev.slbcert.tls.InvalidCertificateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UploadServerCertificate, DescribeServerCertificates, DeleteServerCertificate, SetServerCertificateName. */
final class CertificateActions {
  static final String DEFAULT_RESOURCE_GROUP = "rg-acfmemulator0001";

  private final EmulatorState state;
  private final Clock clock;
  private final int quotaPerRegion;

  CertificateActions(EmulatorState state, Clock clock, int quotaPerRegion) {
    this.state = state;
    this.clock = clock;
    this.quotaPerRegion = quotaPerRegion;
  }

  void register(Map<String, SlbAction> actions) {
    actions.put("UploadServerCertificate", this::upload);
    actions.put("DescribeServerCertificates", this::describe);
    actions.put("DeleteServerCertificate", this::delete);
    actions.put("SetServerCertificateName", this::rename);
  }

  private Map<String, Object> upload(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String name = r.optional("ServerCertificateName");
    if (name != null) {
      requireValidName(name);
    }
    Map<String, String> tags = r.tags(); // the tags come with the certificate: a bad one refuses the whole upload
    ResourceRules.checkTags(tags);
    EmulatorState.Certificate certificate = r.optional("AliCloudCertificateId") != null ? fromCertificateService(r) : fromPem(r);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    synchronized (state) {
      long inRegion = state.certificates.values().stream().filter(c -> c.regionId.equals(regionId)).count();
      if (inRegion >= quotaPerRegion) {
        throw new ApiError(400, "OverQuota", "The number of server certificates in region " + regionId + " has reached the quota of " + quotaPerRegion + ".");
      }
      certificate.id = state.newCertificateId(now);
      certificate.regionId = regionId;
      certificate.created = now;
      certificate.name = name != null ? name : "cert-" + now.getEpochSecond();
      certificate.resourceGroupId = r.optional("ResourceGroupId") != null ? r.optional("ResourceGroupId") : DEFAULT_RESOURCE_GROUP;
      certificate.tags.putAll(tags);
      state.certificates.put(certificate.id, certificate);
      return fields(certificate);
    }
  }

  private EmulatorState.Certificate fromPem(RpcRequest r) throws ApiError {
    String pem = r.required("ServerCertificate");
    String key = r.required("PrivateKey");
    CertificateDetails details;
    try {
      details = CertificateBundle.parse(pem, key).details();
    } catch (InvalidCertificateException e) {
      throw switch (e.problem()) {
        case ENCRYPTED_PRIVATE_KEY -> new ApiError(400, "PrivateKeyEncryption", "The private key is encrypted.");
        case MALFORMED_PRIVATE_KEY, NO_PRIVATE_KEY, UNSUPPORTED_KEY_TYPE, UNSUPPORTED_KEY_SIZE -> new ApiError(400, "KeyFormatError", "The format of the private key is invalid.");
        case KEY_MISMATCH -> new ApiError(400, "CertificateNotMatchPrivateKey", "The certificate does not match the private key.");
        default -> ApiError.invalid("ServerCertificate", e.getMessage());
      };
    }
    EmulatorState.Certificate c = new EmulatorState.Certificate();
    c.fingerprint = details.fingerprint();
    c.commonName = details.commonName();
    c.subjectAlternativeNames = details.subjectAlternativeNames();
    c.notAfter = details.notAfter();
    c.encryptionAlgorithm = details.keyAlgorithm();
    c.encryptionKeyLength = details.keyLength();
    return c;
  }

  /** Certificate Management Service is not emulated: the entry gets a fingerprint derived from the id. */
  private EmulatorState.Certificate fromCertificateService(RpcRequest r) throws ApiError {
    EmulatorState.Certificate c = new EmulatorState.Certificate();
    c.aliCloudCertificateId = r.required("AliCloudCertificateId");
    c.aliCloudCertificateName = r.required("AliCloudCertificateName");
    r.required("AliCloudCertificateRegionId");
    c.fingerprint = sha1Hex(c.aliCloudCertificateId);
    c.commonName = c.aliCloudCertificateName;
    c.notAfter = clock.instant().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    c.encryptionAlgorithm = "RSA";
    c.encryptionKeyLength = 2048;
    return c;
  }

  private Map<String, Object> describe(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String id = r.optional("ServerCertificateId");
    String group = r.optional("ResourceGroupId");
    List<Map<String, Object>> items = new ArrayList<>();
    synchronized (state) {
      for (EmulatorState.Certificate c : state.certificates.values()) {
        if (c.regionId.equals(regionId) && (id == null || c.id.equals(id)) && (group == null || group.equals(c.resourceGroupId))) {
          Map<String, Object> item = fields(c);
          item.put("EncryptionAlgorithm", c.encryptionAlgorithm);
          item.put("EncryptionKeyLength", c.encryptionKeyLength);
          item.put("Tags", Json.tags(c.tags));
          items.add(item);
        }
      }
    }
    return Map.of("ServerCertificates", Json.wrap("ServerCertificate", items));
  }

  private Map<String, Object> delete(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String id = r.required("ServerCertificateId");
    synchronized (state) {
      state.certificateInRegion(id, regionId);
      if (!state.referencesTo(id).isEmpty()) {
        throw new ApiError(400, "CertificateAndPrivateKeyIsRefered", "The specified certificate is bound to listeners. You cannot delete it.");
      }
      state.certificates.remove(id);
    }
    return Map.of();
  }

  private Map<String, Object> rename(RpcRequest r) throws ApiError {
    String regionId = r.regionId();
    String id = r.required("ServerCertificateId");
    String name = r.required("ServerCertificateName");
    requireValidName(name);
    synchronized (state) {
      state.certificateInRegion(id, regionId).name = name;
    }
    return Map.of();
  }

  private static void requireValidName(String name) throws ApiError {
    ResourceRules.checkName(name);
  }

  private static Map<String, Object> fields(EmulatorState.Certificate c) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("ServerCertificateId", c.id);
    f.put("ServerCertificateName", c.name);
    f.put("Fingerprint", c.fingerprint);
    f.put("CommonName", c.commonName);
    f.put("SubjectAlternativeNames", Json.wrap("SubjectAlternativeName", c.subjectAlternativeNames));
    f.put("ExpireTime", c.notAfter.truncatedTo(ChronoUnit.SECONDS).toString());
    f.put("ExpireTimeStamp", c.notAfter.toEpochMilli());
    f.put("CreateTime", c.created.toString());
    f.put("CreateTimeStamp", c.created.toEpochMilli());
    f.put("RegionId", c.regionId);
    f.put("RegionIdAlias", c.regionId);
    f.put("ResourceGroupId", c.resourceGroupId);
    f.put("IsAliCloudCertificate", c.aliCloudCertificateId == null ? 0 : 1);
    if (c.aliCloudCertificateId != null) {
      f.put("AliCloudCertificateId", c.aliCloudCertificateId);
      f.put("AliCloudCertificateName", c.aliCloudCertificateName);
    }
    return f;
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.ofDelimiter(":").formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
