package dev.slbcert.slb.aliyun;

import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.InstanceProfileCredentialsProvider;
import com.aliyuncs.auth.OIDCCredentialsProvider;
import com.aliyuncs.auth.StaticCredentialsProvider;
import dev.slbcert.slb.SlbCredentials;

/** The SDK's credentials provider for each kind of {@link SlbCredentials}. */
final class CredentialsProviders {
  private CredentialsProviders() {}

  static AlibabaCloudCredentialsProvider of(SlbCredentials credentials) {
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
}
