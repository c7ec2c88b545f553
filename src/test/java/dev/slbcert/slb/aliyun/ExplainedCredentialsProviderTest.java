package dev.slbcert.slb.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.exceptions.ClientException;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import dev.slbcert.slb.SlbEndpoints;
import dev.slbcert.slb.SlbErrorClassifier;
import dev.slbcert.slb.SlbException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** When no credentials can be had, the failure and the log say where they were to come from and what that source answered. */
class ExplainedCredentialsProviderTest {
  private static final String SOURCE = "role acs:ram::1234567890123456:role/slb, OIDC provider acs:ram::1234567890123456:oidc-provider/p,"
      + " token file /var/run/secrets/token, STS https://sts.cn-hangzhou.aliyuncs.com";
  /** As the SDK passes STS's refusal on (STS answers 4xx with JSON; the SDK keeps its Message, RequestId and Code). */
  private static final String REFUSED = "AssumeRoleWithOIDC failed: Issuer of the OIDC token does not match the OIDC provider."
      + "(RequestID: 5F2B-1, Code: InvalidParameter.OIDCToken)";

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(CredentialsLog.class);

  @BeforeEach
  void captureTheLog() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(logged);
  }

  @Test
  void aTokenStsRefusesIsOneWarningNamingStsTheRoleAndStsCodeAndMessage() {
    var provider = new ExplainedCredentialsProvider(answers(new ClientException(REFUSED), new ClientException(REFUSED.replace("5F2B-1", "5F2B-2"))),
        "RRSA", SOURCE, new CredentialsLog());

    for (int call = 0; call < 2; call++) {
      assertThatThrownBy(provider::getCredentials).isInstanceOfSatisfying(ClientException.class, e -> {
        assertThat(e.getErrCode()).isEqualTo(SlbErrorClassifier.CREDENTIALS_UNAVAILABLE);
        assertThat(e.getErrMsg()).startsWith("RRSA: STS refused AssumeRoleWithOIDC: InvalidParameter.OIDCToken: Issuer of the OIDC token"
            + " does not match the OIDC provider. (request 5F2B-").endsWith("; " + SOURCE);
      });
    }

    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains("STS https://sts.cn-hangzhou.aliyuncs.com", "role/slb", "InvalidParameter.OIDCToken",
          "Issuer of the OIDC token does not match");
    });
  }

  @Test
  void aNewReasonIsWarnedAgainAndCredentialsThatWorkAgainAreSaidOnce() throws Exception {
    // an answer without credentials: the SDK passes STS's JSON on as it is
    var other = new ClientException("AssumeRoleWithOIDC failed: {\"Code\":\"EntityNotExist.Role\",\"Message\":\"The role not exists.\"}");
    var provider = new ExplainedCredentialsProvider(answers(new ClientException(REFUSED), other, null, null), "RRSA", SOURCE, new CredentialsLog());

    assertThatThrownBy(provider::getCredentials);
    assertThatThrownBy(provider::getCredentials).hasMessageContaining("EntityNotExist.Role: The role not exists.");
    assertThat(provider.getCredentials()).isNotNull();
    assertThat(provider.getCredentials()).isNotNull();

    assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.WARN, Level.INFO);
    assertThat(logged.list.get(2).getFormattedMessage()).contains("work again", SOURCE);
  }

  @Test
  void aTokenFileThatCannotBeReadIsSaidSoThroughTheSdkWithoutAnyCallToStsOrSlb(@TempDir Path dir) throws Exception {
    var rrsa = new SlbCredentials.Oidc("acs:ram::1234567890123456:role/slb", "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1",
        dir.resolve("no-token-here").toString(), "slbcert");
    try (SlbEmulator emulator = SlbEmulator.start(EmulatorSettings.defaults());
        AliyunSlbClient slb = new AliyunSlbClient(SlbClientSettings.of(new SlbEndpoints(emulator.endpoint(), Map.of(), null,
            SlbEndpoints.Network.PUBLIC, "cn-hangzhou"), rrsa))) {

      assertThatThrownBy(() -> slb.list("cn-hangzhou")).isInstanceOfSatisfying(SlbException.class, e -> {
        assertThat(e.kind()).isEqualTo(SlbException.Kind.CREDENTIALS_UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("RRSA: the OIDC token file could not be read").contains("role acs:ram::1234567890123456:role/slb",
            "no-token-here", "STS https://sts.cn-hangzhou.aliyuncs.com");
      });
      assertThat(emulator.callCount("DescribeServerCertificates")).isZero();
    }
    assertThat(logged.list).singleElement().satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
  }

  @Test
  void anUnreachableMetadataServiceIsNamedWithWhatTheConnectionMet() {
    String source = "role slb-operator, instance metadata service http://100.100.100.200";
    var unreachable = new ClientException("SDK.ServerUnreachable", "Failed to connect ECS Metadata Service",
        new java.net.SocketTimeoutException("connect timed out"));

    assertThat(ExplainedCredentialsProvider.explain("ECS RAM role", source, unreachable))
        .isEqualTo("ECS RAM role: SocketTimeoutException: connect timed out; " + source);
  }

  /** A provider that answers each call with the next of these: an exception thrown, or (null) credentials. */
  private static com.aliyuncs.auth.AlibabaCloudCredentialsProvider answers(ClientException... outcomes) {
    Deque<ClientException> queue = new ArrayDeque<>();
    List<ClientException> list = java.util.Arrays.asList(outcomes);
    Deque<Boolean> fails = new ArrayDeque<>();
    for (ClientException e : list) {
      fails.add(e != null);
      if (e != null) {
        queue.add(e);
      }
    }
    return () -> {
      if (fails.poll()) {
        throw queue.poll();
      }
      AlibabaCloudCredentials ok = new BasicSessionCredentials("STS.key", "secret", "token");
      return ok;
    };
  }
}
