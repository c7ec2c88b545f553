package dev.slbcert.reconciler;

import dev.slbcert.api.v1alpha1.UploadInFlight;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploads whose answer was lost, by resource UID: written where the upload is made, read where the
 * next one is decided. Status holds the same record across restarts; this copy is needed because the
 * next reconciliation may still see the resource as it was before that status was written.
 */
public final class UploadsInFlight {
  private final Map<String, UploadInFlight> byUid = new ConcurrentHashMap<>();

  /** The lost upload of this resource, or {@code recorded} (from status) when none is known here. */
  UploadInFlight of(String uid, UploadInFlight recorded) {
    return byUid.getOrDefault(uid, recorded);
  }

  boolean has(String uid) {
    return byUid.containsKey(uid);
  }

  void lost(String uid, UploadInFlight upload) {
    byUid.put(uid, upload);
  }

  /** The resource's certificate is known now: no upload of it is in doubt. */
  void settled(String uid) {
    byUid.remove(uid);
  }
}
