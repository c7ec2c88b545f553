package dev.slbcert.emulator;

import java.util.Set;

/** Region ids SLB serves; anything else is refused as SLB refuses it. */
final class Regions {
  static final Set<String> KNOWN = Set.of(
      "cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
      "cn-chengdu", "cn-heyuan", "cn-guangzhou", "cn-nanjing", "cn-fuzhou", "cn-wuhan-lr", "cn-hongkong",
      "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
      "ap-south-1", "us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "me-east-1", "me-central-1", "na-south-1");

  private Regions() {}

  /** Refuses a request for a region the emulator does not serve, as SLB refuses an unknown one. */
  static void check(String regionId, java.util.Set<String> served) throws ApiError {
    if (regionId != null && !served.contains(regionId)) {
      throw new ApiError(400, "InvalidRegionId", "The specified RegionId does not exist: " + regionId);
    }
  }
}
