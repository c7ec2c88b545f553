package dev.slbcert.slb.aliyun;

import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerAttributeRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerAttributeResponse;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerHTTPSListenerAttributeRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancerHTTPSListenerAttributeResponse;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancersRequest;
import com.aliyuncs.slb.model.v20140515.DescribeLoadBalancersResponse;
import dev.slbcert.slb.CallShare;
import dev.slbcert.slb.CertificateReference;
import dev.slbcert.slb.SlbException;
import dev.slbcert.slb.SlbException.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who uses which certificate in a region. SLB has no API for that: this walks the load balancers,
 * their HTTPS listeners and those listeners' domain extensions.
 */
final class ReferenceWalk {
  private static final int LOAD_BALANCER_PAGE = 100;

  private final SdkCaller sdk;

  ReferenceWalk(SdkCaller sdk) {
    this.sdk = sdk;
  }

  /** The walk's calls come from a share of their own ({@link CallShare#REFERENCE_WALK}), whoever asked for it. */
  Map<String, List<CertificateReference>> listReferences(String regionId) throws SlbException {
    return CallShare.with(CallShare.REFERENCE_WALK, () -> walk(regionId));
  }

  private Map<String, List<CertificateReference>> walk(String regionId) throws SlbException {
    Map<String, List<CertificateReference>> references = new HashMap<>();
    for (String lbId : loadBalancerIds(regionId)) {
      DescribeLoadBalancerAttributeResponse lb = sdk.call(regionId, true, () -> {
        DescribeLoadBalancerAttributeRequest req = new DescribeLoadBalancerAttributeRequest();
        req.setLoadBalancerId(lbId);
        return req;
      });
      if (lb.getListenerPortsAndProtocol() == null) {
        continue;
      }
      for (DescribeLoadBalancerAttributeResponse.ListenerPortAndProtocol lp : lb.getListenerPortsAndProtocol()) {
        if ("https".equalsIgnoreCase(lp.getListenerProtocol())) {
          addListenerReferences(regionId, lbId, lp.getListenerPort(), references);
        }
      }
    }
    return references;
  }

  private void addListenerReferences(String regionId, String lbId, int port, Map<String, List<CertificateReference>> into) throws SlbException {
    DescribeLoadBalancerHTTPSListenerAttributeResponse listener;
    try {
      listener = sdk.call(regionId, true, () -> {
        DescribeLoadBalancerHTTPSListenerAttributeRequest req = new DescribeLoadBalancerHTTPSListenerAttributeRequest();
        req.setLoadBalancerId(lbId);
        req.setListenerPort(port);
        return req;
      });
    } catch (SlbException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return; // removed while we walked
      }
      throw e;
    }
    if (listener.getServerCertificateId() != null) {
      into.computeIfAbsent(listener.getServerCertificateId(), id -> new ArrayList<>()).add(CertificateReference.listener(lbId, port, listener.getDescription()));
    }
    if (listener.getDomainExtensions() != null) {
      for (var de : listener.getDomainExtensions()) {
        into.computeIfAbsent(de.getServerCertificateId(), id -> new ArrayList<>())
            .add(CertificateReference.domainExtension(lbId, port, de.getDomainExtensionId(), de.getDomain()));
      }
    }
  }

  private List<String> loadBalancerIds(String regionId) throws SlbException {
    List<String> ids = new ArrayList<>();
    for (int page = 1; ; page++) {
      int pageNumber = page;
      DescribeLoadBalancersResponse r = sdk.call(regionId, true, () -> {
        DescribeLoadBalancersRequest req = new DescribeLoadBalancersRequest();
        req.setPageNumber(pageNumber);
        req.setPageSize(LOAD_BALANCER_PAGE);
        return req;
      });
      r.getLoadBalancers().forEach(lb -> ids.add(lb.getLoadBalancerId()));
      if (r.getLoadBalancers().isEmpty() || ids.size() >= r.getTotalCount()) {
        return ids;
      }
    }
  }
}
