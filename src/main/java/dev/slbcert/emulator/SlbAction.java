package dev.slbcert.emulator;

import java.util.Map;

/** One action of the SLB API: the response fields for a request, or an error. */
@FunctionalInterface
interface SlbAction {
  Map<String, Object> handle(RpcRequest request) throws ApiError;
}
