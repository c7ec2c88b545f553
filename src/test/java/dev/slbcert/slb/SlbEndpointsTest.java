package dev.slbcert.slb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlbEndpointsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      public: the SDK's own                       | -                     | -                                  | PUBLIC | cn-shanghai | -
      vpc: SLB's regional VPC endpoint             | -                     | -                                  | VPC    | cn-shanghai | https://slb-vpc.cn-shanghai.aliyuncs.com
      a template, whatever the network             | -                     | https://slb.{region}.corp.example  | VPC    | cn-beijing  | https://slb.cn-beijing.corp.example
      one endpoint for every region                | http://127.0.0.1:8089 | -                                  | VPC    | cn-beijing  | http://127.0.0.1:8089
      the region's own endpoint first              | http://127.0.0.1:8089 | -                                  | PUBLIC | cn-hangzhou | http://10.0.0.1:8080
      """)
  void eachRegionIsReachedWhereTheSettingsSay(String what, String fixed, String template, SlbEndpoints.Network network, String region,
      String expected) {
    SlbEndpoints endpoints = new SlbEndpoints(fixed == null ? null : URI.create(fixed), Map.of("cn-hangzhou", URI.create("http://10.0.0.1:8080")),
        template, network, null);

    assertThat(endpoints.endpointFor(region)).isEqualTo(expected == null ? null : URI.create(expected));
  }
}
