package dev.slbcert.emulator;

/** What creating or setting a listener of any protocol may change besides its certificate: Description and VServer group. */
final class ListenerSettings {
  private ListenerSettings() {}

  static void apply(RpcRequest r, EmulatorState.LoadBalancer lb, EmulatorState.Listener listener) throws ApiError {
    String description = r.optional("Description");
    if (description != null) {
      if (description.length() > 256) {
        throw ApiError.invalid("Description", "must have at most 256 characters");
      }
      listener.description = description;
    }
    String group = r.optional("VServerGroupId");
    if (group != null) {
      if (!lb.vServerGroups.containsKey(group)) {
        throw new ApiError(400, "InvalidParameter.VServerGroupId", "The specified VServerGroupId does not exist on " + lb.id + ": " + group);
      }
      listener.vServerGroupId = group;
    }
    String scheduler = r.optional("Scheduler");
    if (scheduler != null) {
      listener.scheduler = scheduler;
    }
  }
}
