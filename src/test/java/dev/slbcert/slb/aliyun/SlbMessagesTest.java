package dev.slbcert.slb.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlbMessagesTest {

  @Test
  void dropsTheQuotedStringToSign() {
    String message = SlbMessages.describe("Other", "Specified signature is not matched. server string to sign is:POST&%2F&PrivateKey%3D-----BEGIN");

    assertThat(message).isEqualTo("Specified signature is not matched. server");
  }

  @Test
  void removesPemBlocksAndWithholdsMessagesQuotingKeys() {
    assertThat(SlbMessages.sanitize("bad cert -----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE----- here")).isEqualTo("bad cert [PEM removed] here");
    assertThat(SlbMessages.sanitize("url?PrivateKey=abc")).doesNotContain("abc");
  }

  @Test
  void sdkFailuresGetFixedTextsThatNeverQuoteTheUrl() {
    String sdkText = "SocketTimeoutException has occurred on a socket read or accept.The url is http://x/?PrivateKey=secret";

    assertThat(SlbMessages.describe("SDK.ReadTimeout", sdkText)).doesNotContain("secret").contains("may or may not have taken effect");
    assertThat(SlbMessages.describe("SDK.SomethingElse", sdkText)).doesNotContain("secret");
  }
}
