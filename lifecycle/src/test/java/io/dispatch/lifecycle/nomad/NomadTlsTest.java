package io.dispatch.lifecycle.nomad;

import static io.dispatch.lifecycle.nomad.NomadKit.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatch.lifecycle.params.NomadTarget;
import io.dispatch.lifecycle.ports.RegisteredJob;
import io.dispatch.lifecycle.run.DeploymentLog;
import io.dispatch.lifecycle.run.RunControl;
import io.dispatch.lifecycle.run.StepFailedException;
import io.dispatch.testdata.NomadDouble;
import io.dispatch.testdata.NomadEndpoint;
import io.dispatch.testdata.NomadScenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with {@code NOMAD_CACERT}: a Nomad agent certificate (SAN {@code server.global.nomad}, made
 * here with keytool) reached by IP address, as the orchestrator does from inside a task.
 */
class NomadTlsTest {

  private static final String PASSWORD = "test-keystore-pw";

  @TempDir static Path dir;
  private static Path caPem;
  private static NomadDouble nomad;
  private RunControl control;

  @BeforeAll
  static void makeCertificateAndStartNomad() throws Exception {
    NomadKit.quietLibraryLogs();
    Path keystore = dir.resolve("nomad.p12");
    caPem = dir.resolve("nomad-ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "nomad",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=server.global.nomad",
        "-ext",
        "SAN=dns:server.global.nomad",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(store.getCertificate("nomad").getEncoded());
    Files.writeString(
        caPem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    nomad = NomadDouble.startTls(keystore, PASSWORD, NomadScenario.SUCCESSFUL);
  }

  @AfterAll
  static void stopNomad() {
    nomad.close();
  }

  @BeforeEach
  void startRun() {
    nomad.scenario(NomadScenario.SUCCESSFUL);
    control = NomadKit.control(Duration.ofSeconds(20));
  }

  @AfterEach
  void endRun() {
    control.close();
    Thread.interrupted();
  }

  @Test
  void caCertificateIsTrustedAndNomadsAgentNameAccepted() {
    NomadTarget target =
        new NomadTarget(nomad.httpsUrl(), NomadKit.TOKEN, "", "", caPem.toString());

    try (NomadScheduler scheduler =
        NomadScheduler.open(target, FAST, control, new DeploymentLog(), null)) {
      RegisteredJob registration =
          scheduler.register(Requests.minimal("web-app"), NomadKit.span("deploy"));

      assertThat(registration.jobVersion()).isEqualTo(3);
    }
    assertThat(nomad.requests(NomadEndpoint.REGISTER)).hasSize(1);
  }

  @Test
  void withoutTheCaCertificateTheHandshakeFailsAtOnceWithoutRetries() {
    NomadTarget target = new NomadTarget(nomad.httpsUrl(), NomadKit.TOKEN, "", "", "");

    try (NomadScheduler scheduler =
        NomadScheduler.open(target, FAST, control, new DeploymentLog(), null)) {
      assertThatThrownBy(
              () -> scheduler.register(Requests.minimal("web-app"), NomadKit.span("deploy")))
          .isInstanceOf(StepFailedException.class)
          .hasMessageStartingWith(
              "could not register job web-app: TLS with Nomad at " + nomad.httpsUrl() + " failed:")
          .hasMessageNotContaining("attempts");
    }
    assertThat(nomad.requests(NomadEndpoint.REGISTER)).isEmpty();
  }

  @Test
  void aCertificateForAnotherRegionIsRejected() {
    NomadTarget target =
        new NomadTarget(nomad.httpsUrl(), NomadKit.TOKEN, "europe", "", caPem.toString());

    try (NomadScheduler scheduler =
        NomadScheduler.open(target, FAST, control, new DeploymentLog(), null)) {
      assertThatThrownBy(
              () -> scheduler.register(Requests.minimal("web-app"), NomadKit.span("deploy")))
          .hasMessageContaining("TLS with Nomad at");
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
