package dev.slbcert.slb.aliyun;

import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.InstanceProfileCredentialsProvider;
import com.aliyuncs.auth.OIDCCredentialsProvider;
import com.aliyuncs.auth.StaticCredentialsProvider;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.SlbEndpoints;
import java.time.Duration;

/** The SDK's credentials provider for each kind of {@link SlbCredentials}. */
final class CredentialsProviders {
  static final String RENEW_AFTER = "slbcert.sts.renewAfter";

  private CredentialsProviders() {}

  /** @param endpoints for RRSA: the STS region, and whether to reach STS by its VPC endpoint */
  static AlibabaCloudCredentialsProvider of(SlbCredentials credentials, SlbEndpoints endpoints, CredentialsLog log) {
    if (credentials instanceof SlbCredentials.StaticKeys k) {
      return new StaticCredentialsProvider(k.securityToken() == null
          ? new BasicCredentials(k.accessKeyId(), k.accessKeySecret())
          : new BasicSessionCredentials(k.accessKeyId(), k.accessKeySecret(), k.securityToken()));
    }
    if (credentials instanceof SlbCredentials.Oidc o) {
      OIDCCredentialsProvider.Builder builder = OIDCCredentialsProvider.builder()
          .roleArn(o.roleArn())
          .oidcProviderArn(o.oidcProviderArn())
          .oidcTokenFilePath(o.oidcTokenFile())
          .roleSessionName(o.roleSessionName())
          .enableVpc(endpoints.network() == SlbEndpoints.Network.VPC);
      if (endpoints.stsRegion() != null) {
        builder.stsRegionId(endpoints.stsRegion());
      }
      return new ExplainedCredentialsProvider(builder::build, renewAfter(), "RRSA", "role " + o.roleArn() + ", OIDC provider "
          + o.oidcProviderArn() + ", token file " + o.oidcTokenFile() + ", STS " + stsEndpoint(endpoints), log);
    }
    SlbCredentials.EcsRamRole role = (SlbCredentials.EcsRamRole) credentials;
    return new ExplainedCredentialsProvider(new InstanceProfileCredentialsProvider(role.roleName()), "ECS RAM role",
        "role " + role.roleName() + ", instance metadata service http://100.100.100.200", log);
  }

  /**
   * The system property {@value #RENEW_AFTER} (an ISO-8601 duration, such as PT5S): how long RRSA's
   * credentials are used before STS is asked again. Unset, the SDK's provider renews them itself
   * (after 95% of its hour); a test sets it to see a renewal, and a rotated token file, in seconds.
   */
  static Duration renewAfter() {
    String value = System.getProperty(RENEW_AFTER);
    return value == null || value.isBlank() ? null : Duration.parse(value);
  }

  /** The STS endpoint the SDK's OIDC provider calls: sts or sts-vpc of the STS region, or the central one. */
  static String stsEndpoint(SlbEndpoints endpoints) {
    if (endpoints.stsRegion() == null) {
      return "https://sts.aliyuncs.com";
    }
    return "https://" + (endpoints.network() == SlbEndpoints.Network.VPC ? "sts-vpc" : "sts") + "." + endpoints.stsRegion() + ".aliyuncs.com";
  }
}
