package io.dispatch.backend;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The JVM's default TLS for an HttpClient 5 connection pool, set up on the first https connection
 * rather than when the pool is built. A run that speaks only plain HTTP to a service (a registry or
 * backend on the cluster network) then never loads the trust store: about 50 ms and 10 MB of a
 * fresh JVM's start. Shared by the HttpClient 5 users: the backend client, and every client the
 * lifecycle builds ({@code io.dispatch.lifecycle.http.HttpClientSetup}).
 */
public final class TlsOnFirstUse implements TlsSocketStrategy {

  private TlsSocketStrategy tls;

  @Override
  public SSLSocket upgrade(
      Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    return tls().upgrade(socket, target, port, attachment, context);
  }

  synchronized boolean isSetUp() {
    return tls != null;
  }

  private synchronized TlsSocketStrategy tls() {
    if (tls == null) {
      tls = DefaultClientTlsStrategy.createDefault();
    }
    return tls;
  }
}
