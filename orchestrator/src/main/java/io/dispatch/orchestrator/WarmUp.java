package io.dispatch.orchestrator;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the OTLP export path once, off to the side, while the deployment works: a throwaway span
 * exported to a sink on loopback inside this process. The real export at the end of the run then
 * finds the SDK, the marshalling and the HTTP client loaded, and costs one request. Nothing leaves
 * the process; a failure here only means the real export pays the cost itself.
 */
final class WarmUp {

  private WarmUp() {}

  static void run() {
    try (ServerSocket sink = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> answerOnce(sink), "otlp-warm-up-sink");
      answer.setDaemon(true);
      answer.start();
      List<SpanData> spans = new ArrayList<>();
      SdkTracerProvider provider =
          SdkTracerProvider.builder().addSpanProcessor(new OtlpExport.Collect(spans)).build();
      provider
          .get("warm-up")
          .spanBuilder("warm-up")
          .setAttribute("dispatch.warm", "up")
          .startSpan()
          .end();
      provider.shutdown();
      SpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setEndpoint(OtlpExport.tracesUrl("http://127.0.0.1:" + sink.getLocalPort()))
              .setTimeout(java.time.Duration.ofSeconds(1))
              .build();
      exporter.export(spans).join(1, TimeUnit.SECONDS);
      exporter.shutdown();
    } catch (IOException | RuntimeException e) {
      // warming up is an optimisation only
    }
  }

  /** Reads one HTTP request and answers 200 with an empty body. */
  private static void answerOnce(ServerSocket sink) {
    try (Socket socket = sink.accept()) {
      socket.setSoTimeout(1000);
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        head.append((char) b);
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
        }
      }
      in.readNBytes(length);
      OutputStream out = socket.getOutputStream();
      out.write(
          "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException | RuntimeException e) {
      // the warm-up export simply fails
    }
  }
}
