package io.dispatch.lifecycle.params;

import java.util.Locale;

/**
 * A git repository and branch.
 *
 * @param repository {@code owner/repo} on the provider, or a full URL ({@code https://…}, {@code
 *     ssh://…}, {@code git@host:owner/repo.git}, {@code file://…}) that passes {@link
 *     Urls#repository}; whether {@code file://} may be used is the run's setting
 * @param branch the branch to deploy
 * @param provider {@code github}, {@code gitlab} or {@code bitbucket}: picks the host for {@code
 *     owner/repo} and the user name that goes with a token
 * @param token an access token, or empty for a public repository; never printed
 */
public record GitSource(String repository, String branch, String provider, String token)
    implements Source {

  public GitSource {
    repository = Checks.required(repository, "repository");
    branch = Checks.required(branch, "branch");
    provider =
        provider == null || provider.isBlank()
            ? "github"
            : provider.strip().toLowerCase(Locale.ROOT);
    token = Checks.orEmpty(token);
    if (isUrl(repository)) {
      Urls.repository(repository, "repository");
    } else if (!repository.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+")
        || repository.matches("(.*/)?\\.\\.?(/.*)?")) {
      throw new InvalidParameterException("repository", "must be owner/repo or a repository URL");
    }
    Checks.singleLine(Checks.maxLength(branch, 255, "branch"), "branch");
    if (branch.startsWith("-")
        || branch.contains("..")
        || branch.matches(".*[\\s~^:?*\\[\\\\].*")) {
      throw new InvalidParameterException("branch", "is not a valid branch name");
    }
  }

  private static boolean isUrl(String repository) {
    return repository.contains("://") || repository.matches("[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:.+");
  }

  /** The URL to clone, without credentials. */
  public String cloneUrl() {
    if (isUrl(repository)) {
      return repository;
    }
    String path = repository.endsWith(".git") ? repository : repository + ".git";
    return "https://" + host() + "/" + path;
  }

  private String host() {
    return switch (provider) {
      case "gitlab" -> "gitlab.com";
      case "bitbucket" -> "bitbucket.org";
      default -> "github.com";
    };
  }

  /** The user name that goes with a token at this provider. */
  public String tokenUser() {
    return switch (provider) {
      case "gitlab" -> "oauth2";
      case "bitbucket" -> "x-token-auth";
      default -> "x-access-token";
    };
  }

  /** The clone URL without any credentials written into it, for messages. */
  public String display() {
    return cloneUrl().replaceFirst("://[^/@]*@", "://");
  }

  @Override
  public String toString() {
    return "GitSource["
        + display()
        + " branch "
        + branch
        + (token.isEmpty() ? "" : ", token=***")
        + "]";
  }
}
