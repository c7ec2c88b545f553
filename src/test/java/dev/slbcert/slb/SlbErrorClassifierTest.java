package dev.slbcert.slb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slbcert.slb.SlbException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlbErrorClassifierTest {

  @ParameterizedTest(name = "{1} on {0} (5xx={2}) is {3}")
  @CsvSource({
      "DescribeServerCertificates, Throttling, false, THROTTLED",
      "DescribeServerCertificates, Throttling.User, false, THROTTLED",
      "DescribeServerCertificates, Throttling.Api, false, THROTTLED",
      "DescribeServerCertificates, ServiceUnavailable, true, UNAVAILABLE",
      "DescribeServerCertificates, SomethingNew, true, UNAVAILABLE",
      "DescribeServerCertificates, SystemBusy, false, UNAVAILABLE",
      "DescribeServerCertificates, ServiceIsConfiguring, false, UNAVAILABLE",
      "DescribeServerCertificates, OperationBusy, false, UNAVAILABLE",
      "DescribeServerCertificates, OperationConflict, false, UNAVAILABLE",
      "DescribeServerCertificates, SDK.ReadTimeout, false, UNAVAILABLE",
      "DescribeServerCertificates, SDK.ServerUnreachable, false, UNAVAILABLE",
      "DeleteServerCertificate, CertificateAndPrivateKeyIsRefered, false, IN_USE",
      "DeleteServerCertificate, ServerCertificateId.NotFound, false, NOT_FOUND",
      "DescribeLoadBalancerHTTPSListenerAttribute, ListenerNotFound, false, NOT_FOUND",
      "DeleteDomainExtension, InvalidParameter.DomainExtensionId, false, NOT_FOUND",
      "UploadServerCertificate, SignatureDoesNotMatch, false, ACCESS_DENIED",
      "UploadServerCertificate, SDK.InvalidAccessKeySecret, false, ACCESS_DENIED",
      "UploadServerCertificate, InvalidAccessKeyId.NotFound, false, ACCESS_DENIED",
      "DescribeServerCertificates, Credentials.Unavailable, false, CREDENTIALS_UNAVAILABLE",
      "UploadServerCertificate, Forbidden.RAM, false, ACCESS_DENIED",
      "UploadServerCertificate, InvalidTimeStamp.Expired, false, ACCESS_DENIED",
      "UploadServerCertificate, OverQuota, false, QUOTA_EXCEEDED",
      "CreateDomainExtension, DomainExtensionNumberExceeded, false, QUOTA_EXCEEDED",
      "UploadServerCertificate, KeyFormatError, false, INVALID_CERTIFICATE",
      "UploadServerCertificate, PrivateKeyEncryption, false, INVALID_CERTIFICATE",
      "UploadServerCertificate, CertificateNotMatchPrivateKey, false, INVALID_CERTIFICATE",
      "UploadServerCertificate, InvalidParameter, false, INVALID_CERTIFICATE",
      "SetServerCertificateName, InvalidParameter, false, INVALID_REQUEST",
      "TagResources, TagCountLimit, false, INVALID_REQUEST",
      "DescribeServerCertificates, MissingParameter, false, INVALID_REQUEST"
  })
  void classifiesCodes(String action, String code, boolean serverError, Kind expected) {
    assertThat(SlbErrorClassifier.classify(action, code, "message", serverError)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"THROTTLED, true", "UNAVAILABLE, true", "IN_USE, false", "NOT_FOUND, false", "ACCESS_DENIED, false", "CREDENTIALS_UNAVAILABLE, false", "INVALID_CERTIFICATE, false"})
  void onlyThrottledAndUnavailableAreRetryable(Kind kind, boolean retryable) {
    assertThat(kind.retryable()).isEqualTo(retryable);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "The specified parameter \"ServerCertificateName\" is not valid | INVALID_REQUEST",
      "The specified parameter \"ServerCertificate\" is not valid | INVALID_CERTIFICATE"})
  void invalidNameOnUploadIsNotACertificateProblem(String message, Kind expected) {
    assertThat(SlbErrorClassifier.classify("UploadServerCertificate", "InvalidParameter", message, false)).isEqualTo(expected);
  }
}
