package io.dispatch.portdetector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortDetectorTest {

  private static ImageMetadata image(List<String> exposed, List<String> env) {
    return new ImageMetadata(exposed, env, "", List.of(), List.of());
  }

  @Test
  void exposedPortsComeInAscendingOrderWithoutDuplicates() {
    ImageMetadata img = image(List.of("9090/udp", "8080/tcp", "443/tcp", "8080/udp"), List.of());
    assertThat(PortDetector.detectPorts(img, 3000)).containsExactly(443, 8080, 9090);
  }

  @Test
  void portInEnvironmentIsUsedWhenNothingIsExposed() {
    ImageMetadata img = image(List.of(), List.of("PATH=/bin", "PORT=5050"));
    assertThat(PortDetector.detectPorts(img, 3000)).containsExactly(5050);
  }

  @Test
  void exposedPortsWinOverPortInEnvironment() {
    ImageMetadata img = image(List.of("8080/tcp"), List.of("PORT=5050"));
    assertThat(PortDetector.detectPorts(img, 3000)).containsExactly(8080);
  }

  @Test
  void defaultPortWhenTheImageSaysNothing() {
    assertThat(PortDetector.detectPorts(ImageMetadata.empty(), PortDetector.DEFAULT_PORT))
        .containsExactly(3000);
    assertThat(
            PortDetector.detectPorts(ImageMetadata.empty(), PortDetector.DOCKERFILE_DEFAULT_PORT))
        .containsExactly(8000);
  }

  @Test
  void unusableExposedKeysFallThroughToTheNextRule() {
    ImageMetadata img = image(List.of("garbage", "0/tcp"), List.of("PORT=7000"));
    assertThat(PortDetector.detectPorts(img, 3000)).containsExactly(7000);
  }

  @ParameterizedTest
  @CsvSource({
    "80, HTTP", "443, HTTP", "3000, HTTP", "5000, HTTP", "8000, HTTP", "8080, HTTP", "8443, HTTP",
    "8888, HTTP", "9000, HTTP", "22, TCP", "5432, TCP", "6379, TCP", "9090, TCP", "27017, TCP"
  })
  void portTypeIsHttpForCommonWebPortsAndNeverHttps(int port, PortType expected) {
    assertThat(PortType.forPort(port)).isEqualTo(expected);
  }

  @Test
  void httpsIsReadAsHttpAndUnknownTypesAreRefused() {
    assertThat(PortType.parse("https")).contains(PortType.HTTP);
    assertThat(PortType.parse("TCP")).contains(PortType.TCP);
    assertThat(PortType.parse("none")).contains(PortType.NONE);
    assertThat(PortType.parse("udp")).isEmpty();
  }

  @Test
  void zeroConfigMakesOneEntryPerDetectedPort() {
    NetworkPlan plan = PortDetector.plan(List.of(), List.of(5432, 8080));

    assertThat(plan.zeroConfig()).isTrue();
    assertThat(plan.entries()).hasSize(2);
    NetworkEntry db = plan.entries().get(0);
    assertThat(db.port()).isEqualTo(5432);
    assertThat(db.type()).isEqualTo(PortType.TCP);
    assertThat(db.isPublic()).isFalse();
    assertThat(db.healthCheck().type()).isEqualTo(HealthCheck.Type.TCP);
    assertThat(db.healthCheck().path()).isEmpty();
    NetworkEntry web = plan.entries().get(1);
    assertThat(web.type()).isEqualTo(PortType.HTTP);
    assertThat(web.healthCheck().type()).isEqualTo(HealthCheck.Type.HTTP);
    assertThat(web.healthCheck().path()).isEqualTo("/");
    assertThat(web.healthCheck().interval()).hasSeconds(30);
    assertThat(web.healthCheck().timeout()).hasSeconds(30);
    assertThat(web.healthCheck().port()).isEqualTo(8080);
    assertThat(web.hasHealthCheck()).isEqualTo("http");
  }

  @Test
  void requestedNetworksAreKeptAsGiven() {
    NetworkEntry requested =
        new NetworkEntry(
            9999,
            PortType.TCP,
            true,
            "api",
            "",
            "",
            new HealthCheck(HealthCheck.Type.NONE, null, null, null, 9999));
    NetworkPlan plan = PortDetector.plan(List.of(requested), List.of(8080));

    assertThat(plan.zeroConfig()).isFalse();
    assertThat(plan.entries()).containsExactly(requested);
  }

  @ParameterizedTest
  @CsvSource({
    "sub, cloud.app, sub.cloud.app",
    "sub.cloud.app, cloud.app, sub.cloud.app",
    "Sub, .cloud.app, sub.cloud.app",
    "subcloud.app, cloud.app, subcloud.app.cloud.app",
    "sub, '', sub",
  })
  void domainGetsTheClusterSuffixOnce(String answer, String cluster, String expected) {
    assertThat(PortDetector.qualifyDomain(answer, cluster)).isEqualTo(expected);
  }
}
