package io.dispatch.lifecycle.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import io.dispatch.lifecycle.params.ImageReference;
import io.dispatch.lifecycle.params.RegistryCredentials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamItemsTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private <T> T item(String text, Class<T> type) throws Exception {
    return json.readValue(text, type);
  }

  @Test
  void thePushedDigestComesFromTheAuxItemAsDockerSendsIt() throws Exception {
    PushResponseItem aux =
        item(
            "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\""
                + DIGEST
                + "\",\"Size\":579}}",
            PushResponseItem.class);

    assertThat(StreamItems.pushedDigest(aux)).contains(DIGEST);
  }

  @Test
  void thePushedDigestComesFromTheStatusLineAsPodmanSendsIt() throws Exception {
    PushResponseItem status =
        item("{\"status\":\"1: digest: " + DIGEST + " size: 579\"}", PushResponseItem.class);

    assertThat(StreamItems.pushedDigest(status)).contains(DIGEST);
    assertThat(
            StreamItems.pushedDigest(
                item("{\"status\":\"Pushed\",\"id\":\"5f70bf18a086\"}", PushResponseItem.class)))
        .isEmpty();
  }

  @Test
  void progressLinesNameTheLayer() throws Exception {
    assertThat(
            StreamItems.describe(
                item("{\"status\":\"Pushing\",\"id\":\"5f70bf18a086\"}", PushResponseItem.class)))
        .contains("Pushing 5f70bf18a086");
    assertThat(StreamItems.describe(item("{\"progressDetail\":{}}", PushResponseItem.class)))
        .isEmpty();
  }

  @Test
  void buildOutputIsSplitIntoNonBlankLines() throws Exception {
    List<String> lines = new ArrayList<>();
    OutputLines output = new OutputLines(lines::add);

    StreamItems.logLines(
        item(
            "{\"stream\":\"STEP 1/2: FROM scratch\\nSTEP 2/2: EXPOSE 80\\n\\n\"}",
            BuildResponseItem.class),
        output);

    assertThat(lines).containsExactly("STEP 1/2: FROM scratch", "STEP 2/2: EXPOSE 80");
  }

  @Test
  void aLineTheDaemonCutAcrossTwoItemsIsOneLine() throws Exception {
    List<String> lines = new ArrayList<>();
    OutputLines output = new OutputLines(lines::add);

    StreamItems.logLines(
        item("{\"stream\":\"output line 518\\noutput line \"}", BuildResponseItem.class), output);
    StreamItems.logLines(
        item("{\"stream\":\"519\\r\\noutput li\"}", BuildResponseItem.class), output);
    StreamItems.logLines(item("{\"stream\":\"ne 520\"}", BuildResponseItem.class), output);
    output.finish();

    assertThat(lines).containsExactly("output line 518", "output line 519", "output line 520");
  }

  @Test
  void pullSizesAreTheLargestTotalSeenPerLayer() throws Exception {
    Map<String, Long> sizes = new HashMap<>();

    StreamItems.recordSize(
        item(
            "{\"status\":\"Downloading\",\"id\":\"a\",\"progressDetail\":{\"current\":1,\"total\":300}}",
            PullResponseItem.class),
        sizes);
    StreamItems.recordSize(
        item(
            "{\"status\":\"Download complete\",\"id\":\"a\",\"progressDetail\":{}}",
            PullResponseItem.class),
        sizes);

    assertThat(sizes).containsExactly(Map.entry("a", 300L));
  }

  @Test
  void credentialsGoOnlyToTheirRegistryAndDockerHubUsesItsIndexAddress() {
    AuthConfig hub =
        StreamItems.authConfig(
                ImageReference.parse("acme/app:1"), RegistryCredentials.of("docker.io", "u", "p"))
            .orElseThrow();

    assertThat(hub.getRegistryAddress()).isEqualTo(AuthConfig.DEFAULT_SERVER_ADDRESS);
    assertThat(hub.getUsername()).isEqualTo("u");
    assertThat(
            StreamItems.authConfig(
                ImageReference.parse("127.0.0.1:5001/a:1"),
                RegistryCredentials.of("ghcr.io", "u", "p")))
        .isEmpty();
  }
}
