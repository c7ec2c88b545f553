package dev.slbcert.slb.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.slb.model.v20140515.AddVServerGroupBackendServersRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerHTTPListenerRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerHTTPSListenerRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerRequest;
import com.aliyuncs.slb.model.v20140515.CreateLoadBalancerResponse;
import com.aliyuncs.slb.model.v20140515.CreateVServerGroupRequest;
import com.aliyuncs.slb.model.v20140515.CreateVServerGroupResponse;
import com.aliyuncs.slb.model.v20140515.DeleteLoadBalancerRequest;
import com.aliyuncs.slb.model.v20140515.DeleteVServerGroupRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerAttributeRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerAttributeResponse;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerListenersRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerListenersResponse;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancersRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancersResponse;
import com.aliyuncs.slb.model.v20140515.DescribeVServerGroupAttributeRequest;
import com.aliyuncs.slb.model.v20140515.DescribeVServerGroupAttributeResponse;
import com.aliyuncs.slb.model.v20140515.DescribeVServerGroupsRequest;
import com.aliyuncs.slb.model.v20140515.DescribeVServerGroupsResponse;
import com.aliyuncs.slb.model.v20140515.ModifyVServerGroupBackendServersRequest;
import com.aliyuncs.slb.model.v20140515.RemoveVServerGroupBackendServersRequest;
import com.aliyuncs.slb.model.v20140515.SetLoadBalancerDeleteProtectionRequest;
import com.aliyuncs.slb.model.v20140515.SetLoadBalancerNameRequest;
import com.aliyuncs.slb.model.v20140515.StartLoadBalancerListenerRequest;
import com.aliyuncs.slb.model.v20140515.UploadServerCertificateRequest;
import com.aliyuncs.slb.model.v20140515.UploadServerCertificateResponse;
import dev.slbcert.emulator.EmulatorSettings;
import dev.slbcert.emulator.SlbEmulator;
import dev.slbcert.support.TestCertificates;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's answers to what ACK's cloud controller manager calls for a classic Service, read
 * through the Alibaba SDK's own request and response classes: load balancers found by tag and name,
 * their settings, VServer groups and their backends, listeners of both protocols with Description
 * and VServer group, started, listed, and refused deletion while protected.
 */
class CcmActionsThroughTheSdkTest {
  private static final String REGION = "cn-hangzhou";
  private static SlbEmulator emulator;
  private static IAcsClient sdk;

  @BeforeAll
  static void start() throws Exception {
    emulator = SlbEmulator.start(EmulatorSettings.defaults());
    sdk = new DefaultAcsClient(DefaultProfile.getProfile(REGION, EmulatorSettings.DEFAULT_ACCESS_KEY_ID, EmulatorSettings.DEFAULT_ACCESS_KEY_SECRET));
  }

  @AfterAll
  static void stop() {
    sdk.shutdown();
    emulator.close();
  }

  @BeforeEach
  void reset() {
    emulator.reset();
  }

  @Test
  void loadBalancersAreFoundByTagAndByNameAndCarryTheirSettings() throws Exception {
    String tagged = createLoadBalancer("a1b2", "kubernetes.do.not.delete", "a1b2");
    createLoadBalancer("other", "team", "x");

    DescribeLoadBalancersRequest byTag = new DescribeLoadBalancersRequest();
    byTag.setTags("[{\"TagKey\":\"kubernetes.do.not.delete\",\"TagValue\":\"a1b2\"}]");
    DescribeLoadBalancersRequest byName = new DescribeLoadBalancersRequest();
    byName.setLoadBalancerName("other");

    List<DescribeLoadBalancersResponse.LoadBalancer> found = call(byTag).getLoadBalancers();
    assertThat(found).extracting(DescribeLoadBalancersResponse.LoadBalancer::getLoadBalancerId).containsExactly(tagged);
    assertThat(found.get(0).getDeleteProtection()).isEqualTo("on");
    assertThat(found.get(0).getLoadBalancerSpec()).isEqualTo("slb.s1.small");
    assertThat(found.get(0).getAddressType()).isEqualTo("internet");
    assertThat(found.get(0).getTags()).extracting(DescribeLoadBalancersResponse.LoadBalancer.Tag::getTagKey).contains("kubernetes.do.not.delete");
    assertThat(call(byName).getLoadBalancers()).extracting(DescribeLoadBalancersResponse.LoadBalancer::getLoadBalancerName).containsExactly("other");
  }

  @Test
  void aProtectedLoadBalancerIsNotDeletedUntilItsProtectionIsTurnedOff() throws Exception {
    String lb = createLoadBalancer("protected", "k", "v");
    DeleteLoadBalancerRequest delete = new DeleteLoadBalancerRequest();
    delete.setLoadBalancerId(lb);

    assertThatThrownBy(() -> call(delete)).isInstanceOf(ClientException.class).hasMessageContaining("DeleteProtectionIsOn");

    SetLoadBalancerDeleteProtectionRequest off = new SetLoadBalancerDeleteProtectionRequest();
    off.setLoadBalancerId(lb);
    off.setDeleteProtection("off");
    call(off);
    SetLoadBalancerNameRequest name = new SetLoadBalancerNameRequest();
    name.setLoadBalancerId(lb);
    name.setLoadBalancerName("renamed");
    call(name);
    DescribeLoadBalancerAttributeRequest attribute = new DescribeLoadBalancerAttributeRequest();
    attribute.setLoadBalancerId(lb);
    DescribeLoadBalancerAttributeResponse described = call(attribute);
    assertThat(described.getDeleteProtection()).isEqualTo("off");
    assertThat(described.getLoadBalancerName()).isEqualTo("renamed");
    call(delete);
    assertThat(emulator.snapshot().loadBalancers()).isEmpty();
  }

  @Test
  void vServerGroupsHoldBackendServersAndCannotBeDeletedWhileAListenerUsesThem() throws Exception {
    String lb = createLoadBalancer("groups", "k", "v");
    CreateVServerGroupRequest create = new CreateVServerGroupRequest();
    create.setLoadBalancerId(lb);
    create.setVServerGroupName("k8s/30080/web/shop/c1");
    String group = call(create).getVServerGroupId();
    AddVServerGroupBackendServersRequest add = new AddVServerGroupBackendServersRequest();
    add.setVServerGroupId(group);
    add.setBackendServers("[{\"ServerId\":\"i-1\",\"Port\":\"30080\",\"Weight\":\"100\",\"Type\":\"ecs\",\"Description\":\"k8s/node-1\"},"
        + "{\"ServerId\":\"i-2\",\"Port\":30080,\"Weight\":50}]");
    call(add);
    ModifyVServerGroupBackendServersRequest modify = new ModifyVServerGroupBackendServersRequest();
    modify.setVServerGroupId(group);
    modify.setOldBackendServers("[{\"ServerId\":\"i-2\",\"Port\":\"30080\"}]");
    modify.setNewBackendServers("[{\"ServerId\":\"i-3\",\"Port\":\"30080\",\"Weight\":\"100\"}]");
    call(modify);
    RemoveVServerGroupBackendServersRequest remove = new RemoveVServerGroupBackendServersRequest();
    remove.setVServerGroupId(group);
    remove.setBackendServers("[{\"ServerId\":\"i-1\",\"Port\":\"30080\"}]");
    call(remove);

    DescribeVServerGroupsRequest all = new DescribeVServerGroupsRequest();
    all.setLoadBalancerId(lb);
    List<DescribeVServerGroupsResponse.VServerGroup> groups = call(all).getVServerGroups();
    assertThat(groups).extracting(DescribeVServerGroupsResponse.VServerGroup::getVServerGroupName).containsExactly("k8s/30080/web/shop/c1");
    DescribeVServerGroupAttributeRequest one = new DescribeVServerGroupAttributeRequest();
    one.setVServerGroupId(group);
    DescribeVServerGroupAttributeResponse attribute = call(one);
    assertThat(attribute.getBackendServers()).extracting(DescribeVServerGroupAttributeResponse.BackendServer::getServerId,
        DescribeVServerGroupAttributeResponse.BackendServer::getPort, DescribeVServerGroupAttributeResponse.BackendServer::getWeight)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("i-3", 30080, 100));

    httpsListener(lb, 443, group, "k8s/443/web/shop/c1");
    DeleteVServerGroupRequest delete = new DeleteVServerGroupRequest();
    delete.setVServerGroupId(group);
    assertThatThrownBy(() -> call(delete)).isInstanceOf(ClientException.class).hasMessageContaining("RspoolVipExist");
  }

  /** What ACK's cloud controller manager sends for a cluster with Nodes: lower-camel keys, numbers as strings; SLB reads keys in any case. */
  @Test
  void backendServersAndTagFiltersAreReadWhateverTheCaseOfTheirKeys() throws Exception {
    String lb = createLoadBalancer("ccm-keys", "kubernetes.do.not.delete", "c1");
    CreateVServerGroupRequest create = new CreateVServerGroupRequest();
    create.setLoadBalancerId(lb);
    create.setVServerGroupName("k8s/30443/web/shop/c1");
    String group = call(create).getVServerGroupId();
    AddVServerGroupBackendServersRequest add = new AddVServerGroupBackendServersRequest();
    add.setVServerGroupId(group);
    add.setBackendServers("[{\"serverId\":\"i-emulated1\",\"weight\":\"100\",\"port\":\"30443\",\"type\":\"ecs\","
        + "\"description\":\"k8s/30443/web/shop/c1\"}]");
    call(add);
    DescribeLoadBalancersRequest byTag = new DescribeLoadBalancersRequest();
    byTag.setTags("[{\"tagKey\":\"kubernetes.do.not.delete\",\"tagValue\":\"c1\"}]");

    DescribeVServerGroupAttributeRequest one = new DescribeVServerGroupAttributeRequest();
    one.setVServerGroupId(group);
    assertThat(call(one).getBackendServers()).extracting(DescribeVServerGroupAttributeResponse.BackendServer::getServerId,
        DescribeVServerGroupAttributeResponse.BackendServer::getPort, DescribeVServerGroupAttributeResponse.BackendServer::getWeight,
        DescribeVServerGroupAttributeResponse.BackendServer::getDescription)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("i-emulated1", 30443, 100, "k8s/30443/web/shop/c1"));
    assertThat(call(byTag).getLoadBalancers()).extracting(DescribeLoadBalancersResponse.LoadBalancer::getLoadBalancerId).containsExactly(lb);
  }

  @Test
  void listenersOfBothProtocolsAreListedWithDescriptionGroupStatusAndCertificate() throws Exception {
    String lb = createLoadBalancer("listeners", "k", "v");
    CreateVServerGroupRequest create = new CreateVServerGroupRequest();
    create.setLoadBalancerId(lb);
    create.setVServerGroupName("k8s/30080/web/shop/c1");
    CreateVServerGroupResponse group = call(create);
    String certificate = httpsListener(lb, 443, group.getVServerGroupId(), "k8s/443/web/shop/c1");
    CreateLoadBalancerHTTPListenerRequest http = new CreateLoadBalancerHTTPListenerRequest();
    http.setLoadBalancerId(lb);
    http.setListenerPort(80);
    http.setBandwidth(-1);
    http.setVServerGroupId(group.getVServerGroupId());
    http.setDescription("k8s/80/web/shop/c1");
    call(http);
    StartLoadBalancerListenerRequest start = new StartLoadBalancerListenerRequest();
    start.setLoadBalancerId(lb);
    start.setListenerPort(443);
    start.setListenerProtocol("https");
    call(start);

    DescribeLoadBalancerListenersRequest list = new DescribeLoadBalancerListenersRequest();
    list.setLoadBalancerIds(List.of(lb));
    List<DescribeLoadBalancerListenersResponse.Listener> listeners = call(list).getListeners();

    assertThat(listeners).extracting(DescribeLoadBalancerListenersResponse.Listener::getListenerPort,
        DescribeLoadBalancerListenersResponse.Listener::getListenerProtocol, DescribeLoadBalancerListenersResponse.Listener::getStatus,
        DescribeLoadBalancerListenersResponse.Listener::getDescription, DescribeLoadBalancerListenersResponse.Listener::getVServerGroupId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(80, "http", "stopped", "k8s/80/web/shop/c1", group.getVServerGroupId()),
            org.assertj.core.groups.Tuple.tuple(443, "https", "running", "k8s/443/web/shop/c1", group.getVServerGroupId()));
    assertThat(listeners.get(1).getHTTPSListenerConfig().getServerCertificateId()).isEqualTo(certificate);
    DescribeLoadBalancerAttributeRequest attribute = new DescribeLoadBalancerAttributeRequest();
    attribute.setLoadBalancerId(lb);
    assertThat(call(attribute).getListenerPortsAndProtocol()).extracting(DescribeLoadBalancerAttributeResponse.ListenerPortAndProtocol::getListenerProtocol)
        .containsExactly("http", "https");
  }

  private static String httpsListener(String lb, int port, String group, String description) throws Exception {
    var issued = TestCertificates.selfSigned("web.example.com", TestCertificates.rsaKeyPair());
    UploadServerCertificateRequest upload = new UploadServerCertificateRequest();
    upload.setServerCertificate(issued.certificatePem());
    upload.setPrivateKey(issued.pkcs8KeyPem());
    UploadServerCertificateResponse uploaded = call(upload);
    CreateLoadBalancerHTTPSListenerRequest listener = new CreateLoadBalancerHTTPSListenerRequest();
    listener.setLoadBalancerId(lb);
    listener.setListenerPort(port);
    listener.setBandwidth(-1);
    listener.setServerCertificateId(uploaded.getServerCertificateId());
    listener.setVServerGroupId(group);
    listener.setDescription(description);
    call(listener);
    return uploaded.getServerCertificateId();
  }

  private static String createLoadBalancer(String name, String tagKey, String tagValue) throws Exception {
    CreateLoadBalancerRequest create = new CreateLoadBalancerRequest();
    create.setLoadBalancerName(name);
    create.setLoadBalancerSpec("slb.s1.small");
    create.setAddressType("internet");
    create.setDeleteProtection("on");
    create.putQueryParameter("Tag.1.Key", tagKey);
    create.putQueryParameter("Tag.1.Value", tagValue);
    CreateLoadBalancerResponse created = call(create);
    return created.getLoadBalancerId();
  }

  private static <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
    request.setSysRegionId(REGION);
    request.setSysEndpoint(emulator.endpoint().getHost() + ":" + emulator.endpoint().getPort());
    request.setSysProtocol(ProtocolType.HTTP);
    return sdk.getAcsResponse(request);
  }
}
