package dev.slbcert.slb.aliyun;

import com.aliyuncs.slb.model.v20140515.DeleteServerCertificateRequest;
import com.aliyuncs.slb.model.v20140515.DescribeServerCertificatesRequest;
import com.aliyuncs.slb.model.v20140515.DescribeServerCertificatesResponse;
import com.aliyuncs.slb.model.v20140515.SetServerCertificateNameRequest;
import com.aliyuncs.slb.model.v20140515.TagResourcesRequest;
import com.aliyuncs.slb.model.v20140515.UntagResourcesRequest;
import com.aliyuncs.slb.model.v20140515.UploadServerCertificateRequest;
import com.aliyuncs.slb.model.v20140515.UploadServerCertificateResponse;
import dev.slbcert.slb.CertificateUpload;
import dev.slbcert.slb.SlbCertificate;
import dev.slbcert.slb.SlbException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Server certificates: upload (with its tags), describe, delete, rename, tag and untag. */
final class CertificateCalls {
  private static final String CERTIFICATE_RESOURCE = "certificate";
  private static final int TAGS_PER_CALL = 20;

  private final SdkCaller sdk;

  CertificateCalls(SdkCaller sdk) {
    this.sdk = sdk;
  }

  SlbCertificate upload(CertificateUpload upload) throws SlbException {
    // Not idempotent: only retried when SLB surely did nothing (throttled before processing).
    UploadServerCertificateResponse r = sdk.call(upload.regionId(), false, () -> {
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
      // SLB takes the tags in the upload itself (Tag.N.Key/Value); the SDK predates them and has no setter.
      int n = 1;
      for (Map.Entry<String, String> tag : upload.tags().entrySet()) {
        req.putQueryParameter("Tag." + n + ".Key", tag.getKey());
        req.putQueryParameter("Tag." + n + ".Value", tag.getValue());
        n++;
      }
      return req;
    });
    return new SlbCertificate(r.getServerCertificateId(), r.getServerCertificateName(), upload.regionId(), r.getFingerprint(),
        r.getCommonName(), r.getSubjectAlternativeNames(), instant(r.getExpireTimeStamp(), r.getExpireTime()), r.getResourceGroupId(),
        upload.tags(), blankToNull(r.getAliCloudCertificateId()), instant(r.getCreateTimeStamp(), r.getCreateTime()));
  }

  List<SlbCertificate> describe(String regionId, String certificateId) throws SlbException {
    DescribeServerCertificatesResponse r = sdk.call(regionId, true, () -> {
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
          instant(c.getExpireTimeStamp(), c.getExpireTime()), c.getResourceGroupId(), tags, blankToNull(c.getAliCloudCertificateId()),
          instant(c.getCreateTimeStamp(), c.getCreateTime())));
    }
    return certificates;
  }

  void delete(String regionId, String certificateId) throws SlbException {
    sdk.call(regionId, true, () -> {
      DeleteServerCertificateRequest req = new DeleteServerCertificateRequest();
      req.setServerCertificateId(certificateId);
      return req;
    });
  }

  void rename(String regionId, String certificateId, String name) throws SlbException {
    sdk.call(regionId, true, () -> {
      SetServerCertificateNameRequest req = new SetServerCertificateNameRequest();
      req.setServerCertificateId(certificateId);
      req.setServerCertificateName(name);
      return req;
    });
  }

  void tag(String regionId, String certificateId, Map<String, String> tags) throws SlbException {
    List<Map.Entry<String, String>> entries = new ArrayList<>(tags.entrySet());
    for (int from = 0; from < entries.size(); from += TAGS_PER_CALL) {
      List<Map.Entry<String, String>> chunk = entries.subList(from, Math.min(entries.size(), from + TAGS_PER_CALL));
      sdk.call(regionId, true, () -> {
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

  void untag(String regionId, String certificateId, Collection<String> keys) throws SlbException {
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += TAGS_PER_CALL) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + TAGS_PER_CALL));
      sdk.call(regionId, true, () -> {
        UntagResourcesRequest req = new UntagResourcesRequest();
        req.setResourceType(CERTIFICATE_RESOURCE);
        req.setResourceIds(List.of(certificateId));
        req.setTagKeys(new ArrayList<>(chunk));
        return req;
      });
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
}
