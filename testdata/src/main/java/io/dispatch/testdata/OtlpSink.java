package io.dispatch.testdata;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An OTLP/HTTP trace receiver on loopback: it accepts every {@code POST /v1/traces} with 200 and
 * keeps what arrived. Point {@code OTEL_EXPORTER_OTLP_ENDPOINT} at {@link #endpoint()}.
 */
public final class OtlpSink implements AutoCloseable {

  public static final String TRACES = "/v1/traces";

  /** One request as it arrived: a trace export when {@code path} is {@link #TRACES}. */
  public record Export(String path, byte[] body, String contentType, String authorization) {

    /** Whether the body holds {@code bytes} (an id, a span name), as protobuf writes them. */
    public boolean contains(byte[] bytes) {
      outer:
      for (int i = 0; i + bytes.length <= body.length; i++) {
        for (int j = 0; j < bytes.length; j++) {
          if (body[i + j] != bytes[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }

    /** Whether the body holds {@code text} in UTF-8. */
    public boolean contains(String text) {
      return contains(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final WireMockServer server;

  private OtlpSink(WireMockServer server) {
    this.server = server;
  }

  /** Starts a sink on a free loopback port. */
  public static OtlpSink start() {
    WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    OtlpSink sink = new OtlpSink(server);
    sink.reset();
    return sink;
  }

  /** The base URL an exporter is given, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Every request received, whatever its path, in the order they arrived. */
  public List<Export> exports() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events.stream()
        .map(
            e ->
                new Export(
                    e.getRequest().getUrl(),
                    e.getRequest().getBody(),
                    e.getRequest().getHeader("Content-Type"),
                    e.getRequest().getHeader("Authorization")))
        .toList();
  }

  /** Forgets what arrived. */
  public void reset() {
    server.resetAll();
    server.stubFor(WireMock.post(TRACES).willReturn(WireMock.ok()));
  }

  @Override
  public void close() {
    server.stop();
  }
}
