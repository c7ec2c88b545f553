package dev.slbcert.runtime;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * What stopped the operator at start, in one line that names the cause and the fix, instead of
 * the stack trace of whichever library met it first.
 */
public final class StartupFailure {
  private StartupFailure() {}

  /** The one-line explanation of a start-up failure, or null when it is none of the known causes. */
  public static String explain(Throwable failure, URL apiServer) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PortInUse) {
        return t.getMessage();
      }
    }
    String unreachable = unreachable(failure, apiServer);
    if (unreachable != null) {
      return unreachable;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k) {
        String message = String.valueOf(k.getMessage());
        if (k.getCode() == 404 && message.contains("servercertificates")) {
          return "the ServerCertificate CRD is not installed in the cluster at " + apiServer + ": kubectl apply -f crds/";
        }
        if (k.getCode() == 401) {
          return "the API server at " + apiServer + " did not accept the operator's credentials (401); check the kubeconfig or the ServiceAccount token";
        }
        if (k.getCode() == 403) {
          return "the API server at " + apiServer + " refused the operator a request (403: " + firstLine(message)
              + "); grant what the chart's RBAC grants";
        }
      }
    }
    return null;
  }

  /** "cannot reach the API server at URL" when the failure is a connection that could not be made, else null. */
  public static String unreachable(Throwable failure, URL apiServer) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
          || t instanceof HttpConnectTimeoutException) {
        return "cannot reach the API server at " + apiServer + " (" + t.getClass().getSimpleName()
            + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())) + "); check KUBECONFIG (or, in a pod, the cluster's network)";
      }
    }
    return null;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** A port of one of the operator's settings is taken by another process. */
  public static final class PortInUse extends BindException {
    public PortInUse(String setting, int port, BindException cause) {
      super("port " + port + " (" + setting + ") is in use; stop what listens there or set " + setting + " to another port");
      initCause(cause);
    }
  }
}
