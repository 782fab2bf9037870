package io.dispatch.lifecycle.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientSetupTest {

  private WireMockServer server;
  private CloseableHttpClient client;

  @BeforeEach
  void start() {
    server =
        new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    client =
        HttpClientSetup.client(
                HttpClientSetup.connections(Duration.ofSeconds(1), Duration.ofSeconds(2)).build())
            .build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.stop();
  }

  private HttpGet request(String path) {
    return new HttpGet("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void aDroppedConnectionIsTheCallersToRetryNotTheClients() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

    assertThatThrownBy(() -> client.execute(request("/v2/"), r -> r.getCode()))
        .isInstanceOf(IOException.class);
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void answersArriveAsSentWithOurUserAgentAndNoCookies() throws Exception {
    server.stubFor(
        get(urlPathEqualTo("/blob"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Encoding", "gzip")
                    .withHeader("Set-Cookie", "session=1")
                    .withBody(new byte[] {1, 2, 3})));

    client.execute(request("/blob"), r -> EntityUtils.toByteArray(r.getEntity()));
    byte[] second = client.execute(request("/blob"), r -> EntityUtils.toByteArray(r.getEntity()));

    assertThat(second).as("not decompressed").containsExactly(1, 2, 3);
    server.verify(
        getRequestedFor(urlPathEqualTo("/blob"))
            .withHeader("User-Agent", equalTo(HttpClientSetup.USER_AGENT))
            .withoutHeader("Cookie")
            .withoutHeader("Accept-Encoding"));
  }
}
