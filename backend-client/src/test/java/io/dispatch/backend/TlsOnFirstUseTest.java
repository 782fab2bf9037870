package io.dispatch.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsOnFirstUseTest {

  private final WireMockServer server =
      new WireMockServer(
          WireMockConfiguration.options()
              .bindAddress("127.0.0.1")
              .dynamicPort()
              .dynamicHttpsPort());
  private final TlsOnFirstUse tls = new TlsOnFirstUse();
  private final CloseableHttpClient client =
      HttpClients.custom()
          .setConnectionManager(
              PoolingHttpClientConnectionManagerBuilder.create().setTlsSocketStrategy(tls).build())
          .build();

  TlsOnFirstUseTest() {
    server.start();
    server.stubFor(get("/v2/").willReturn(ok()));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.stop();
  }

  private int status(String url) throws Exception {
    return client.execute(new HttpGet(url), response -> response.getCode());
  }

  @Test
  void plainHttpNeverSetsUpTls() throws Exception {
    assertThat(status("http://127.0.0.1:" + server.port() + "/v2/")).isEqualTo(200);

    assertThat(tls.isSetUp()).isFalse();
  }

  @Test
  void httpsHandshakesWithTheJvmsDefaultTrust() {
    // WireMock's certificate is self-signed: the JVM's trust store refuses it, so the handshake
    // itself is what fails.
    assertThatThrownBy(() -> status("https://127.0.0.1:" + server.httpsPort() + "/v2/"))
        .isInstanceOf(SSLHandshakeException.class);

    assertThat(tls.isSetUp()).isTrue();
  }
}
