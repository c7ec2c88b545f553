package dev.slbcert.support;

import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.slb.aliyun.AliyunSlbClient;
import dev.slbcert.slb.RetryPolicy;
import dev.slbcert.slb.SlbClientSettings;
import dev.slbcert.slb.SlbCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one SLB emulator per test class on a free loopback port and resets it before each test.
 * Clients made here use the real Alibaba SDK over HTTP with fast retries.
 */
public final class SlbEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  public static final String REGION = "cn-hangzhou";
  public static final RetryPolicy FAST_RETRY = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(200));

  private final EmulatorSettings settings;
  private SlbEmulator emulator;
  private final List<AliyunSlbClient> clients = new ArrayList<>();

  public SlbEmulatorExtension() {
    this(EmulatorSettings.defaults());
  }

  public SlbEmulatorExtension(EmulatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    emulator = SlbEmulator.start(settings);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    OperatorHarness.awaitIdle(emulator);
    emulator.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    clients.forEach(AliyunSlbClient::close);
    emulator.close();
  }

  public SlbEmulator emulator() {
    return emulator;
  }

  /** Default keys, no client-side rate limit, fast retries. */
  public AliyunSlbClient client() {
    return client(settingsFor(new SlbCredentials.StaticKeys(EmulatorSettings.DEFAULT_ACCESS_KEY_ID, EmulatorSettings.DEFAULT_ACCESS_KEY_SECRET, null)));
  }

  public SlbClientSettings settingsFor(SlbCredentials credentials) {
    return SlbClientSettings.of(emulator.endpoint(), credentials).withQps(0).withRetry(FAST_RETRY);
  }

  public AliyunSlbClient client(SlbClientSettings clientSettings) {
    AliyunSlbClient client = new AliyunSlbClient(clientSettings);
    clients.add(client);
    return client;
  }

  /** The value of a finished future, failing the test with its cause otherwise. */
  public static <T> T join(java.util.concurrent.Future<T> future) {
    try {
      return future.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
