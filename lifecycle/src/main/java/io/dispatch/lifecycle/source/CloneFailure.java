package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.params.GitSource;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what JGit threw into the reason a user reads. JGit has few exception types, so some causes
 * are recognised by the stable English text of its messages; anything unrecognised keeps JGit's own
 * message, cleaned of URL credentials and the token.
 */
final class CloneFailure {

  /** What went wrong, as far as the user is concerned. */
  enum Kind {
    REPOSITORY_NOT_FOUND,
    AUTHENTICATION_REFUSED,
    ACCESS_DENIED,
    BRANCH_NOT_FOUND,
    NETWORK,
    TIMED_OUT,
    OTHER
  }

  /**
   * @param kind the category
   * @param detail a short explanation to append in parentheses, or empty
   */
  record Reason(Kind kind, String detail) {}

  private CloneFailure() {}

  /**
   * What must never be shown of {@code source}: the token (also URL-encoded), and the password in
   * the repository URL, or its user name when that is long enough to be a token itself. (User info
   * is cut from every URL in any case; these are replaced wherever else they appear.)
   */
  static String[] secrets(GitSource source) {
    String token = source.token();
    String password = "";
    try {
      String userInfo = URI.create(source.cloneUrl()).getRawUserInfo();
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        password = colon >= 0 ? userInfo.substring(colon + 1) : userInfo;
        if (password.length() < (colon < 0 ? 16 : 6)) {
          password = ""; // a user name such as "git"; a short one is still cut from URLs
        }
      }
    } catch (IllegalArgumentException e) {
      // scp-like "git@host:path" is not a URI; its user name is not a secret
    }
    return new String[] {
      token, token.isEmpty() ? "" : URLEncoder.encode(token, StandardCharsets.UTF_8), password
    };
  }

  /**
   * Classifies {@code failure} from a clone of {@code branch}; {@code secrets} are removed from any
   * detail taken from a message.
   */
  static Reason classify(Throwable failure, String branch, String... secrets) {
    String ref = "refs/heads/" + branch;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String text = t.getMessage() == null ? "" : t.getMessage();
      String lower = text.toLowerCase(Locale.ROOT);
      if (t instanceof NoRemoteRepositoryException || t instanceof InvalidRemoteException) {
        return new Reason(Kind.REPOSITORY_NOT_FOUND, "");
      }
      if (lower.contains("not authorized")
          || lower.contains("no credentialsprovider")
          || lower.contains("authentication not supported")) {
        return new Reason(Kind.AUTHENTICATION_REFUSED, "");
      }
      if (lower.contains("not permitted")) {
        return new Reason(Kind.ACCESS_DENIED, "");
      }
      if (text.contains(ref)) {
        return new Reason(Kind.BRANCH_NOT_FOUND, "");
      }
      if (t instanceof SocketTimeoutException
          || (t instanceof InterruptedIOException && lower.contains("time"))
          || lower.contains("time out")
          || lower.contains("timed out")) {
        return new Reason(Kind.TIMED_OUT, "");
      }
      if (t instanceof UnknownHostException) {
        return new Reason(Kind.NETWORK, "unknown host " + Redaction.clean(text, secrets));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new Reason(Kind.NETWORK, "connection refused");
      }
      if (t instanceof SSLException) {
        return new Reason(Kind.NETWORK, "TLS: " + Redaction.clean(text, secrets));
      }
      if (t instanceof SocketException) {
        return new Reason(Kind.NETWORK, Redaction.clean(text, secrets));
      }
    }
    return new Reason(Kind.OTHER, Redaction.clean(innermostMessage(failure), secrets));
  }

  private static String innermostMessage(Throwable failure) {
    String message = failure.getClass().getSimpleName();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
