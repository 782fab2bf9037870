package io.dispatch.lifecycle.nomad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * nomad-sdk stays behind the facade: only {@link NomadApi}, its HTTP plumbing and the conversion of
 * the SDK's model name its types, so that everything that follows a job works on our records and
 * replacing the SDK touches three files.
 */
class NomadSdkConfinementTest {

  private static final Path MAIN = Path.of("src", "main", "java");

  @Test
  void onlyTheFacadeAndItsPlumbingUseNomadSdkTypes() throws IOException {
    assertThat(filesMentioning("com.hashicorp."))
        .containsExactlyInAnyOrder("NomadApi.java", "NomadConnection.java", "NomadViews.java");
  }

  private static List<String> filesMentioning(String text) throws IOException {
    assertThat(MAIN).isDirectory();
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("package-info.java"))
          .filter(f -> read(f).contains(text))
          .map(f -> f.getFileName().toString())
          .toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
