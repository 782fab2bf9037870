package io.dispatch.lifecycle.nats;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the run's events and live log go: the NATS servers, the NKey user seed that authenticates
 * it, and the subject prefix. Holds no client-library type, so deciding whether NATS is configured
 * never loads the client.
 *
 * @param servers the server URLs ({@code NATS_SERVERS}, comma-separated)
 * @param seed the NKey user seed ({@code NATS_CLIENT_PRIVATE_KEY}); never printed
 * @param prefix the subject prefix ({@code NATS_STREAM_PREFIX}), or empty
 */
public record NatsSettings(List<String> servers, String seed, String prefix) {

  public static final String SERVERS = "NATS_SERVERS";
  public static final String SEED = "NATS_CLIENT_PRIVATE_KEY";
  public static final String PREFIX = "NATS_STREAM_PREFIX";

  private static final Pattern SERVER =
      Pattern.compile("(?:(?:nats|tls|ws|wss)://)?(?:([^\\s/@,]+)@)?[^\\s/@,:]+(?::\\d{1,5})?/?");
  private static final Pattern USER_SEED = Pattern.compile("SU[A-Z2-7]{56}");
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e&&[^.*>]]+");

  /** A setting that cannot be used, named by its variable; the message never quotes the value. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String variable;

    InvalidSettingException(String variable, String message) {
      super(message);
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }

  public NatsSettings {
    Objects.requireNonNull(servers, "servers");
    Objects.requireNonNull(seed, "seed");
    servers = List.copyOf(servers);
    prefix = prefix == null ? "" : prefix;
    if (servers.isEmpty() || !servers.stream().allMatch(s -> SERVER.matcher(s).matches())) {
      throw new InvalidSettingException(
          SERVERS, "must be comma-separated server URLs such as nats://host:4222");
    }
    if (!USER_SEED.matcher(seed).matches()) {
      throw new InvalidSettingException(
          SEED, "must be an NKey user seed (58 characters starting with SU)");
    }
    if (!prefix.isEmpty()
        && !Arrays.stream(prefix.split("\\.", -1)).allMatch(NatsSettings::isToken)) {
      throw new InvalidSettingException(
          PREFIX, "must be subject tokens separated by dots, without spaces, '*' or '>'");
    }
  }

  /**
   * The settings from the three variables' values, or null when {@code servers} or {@code seed} is
   * blank: then the run publishes nothing.
   *
   * @throws InvalidSettingException naming the variable whose value cannot be used
   */
  public static NatsSettings of(String servers, String seed, String prefix) {
    if (servers == null || servers.isBlank() || seed == null || seed.isBlank()) {
      return null;
    }
    List<String> urls =
        Arrays.stream(servers.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new NatsSettings(urls, seed.strip(), prefix == null ? "" : prefix.strip());
  }

  /** Whether {@code s} can be one token of a subject: printable, no space, dot or wildcard. */
  public static boolean isToken(String s) {
    return s != null && TOKEN.matcher(s).matches();
  }

  /** The values output must never show: the seed, and any password in a server URL. */
  public Set<String> secrets() {
    Set<String> secrets = new LinkedHashSet<>();
    secrets.add(seed);
    for (String s : servers) {
      Matcher m = SERVER.matcher(s);
      if (m.matches() && m.group(1) != null) {
        String userInfo = m.group(1);
        secrets.add(userInfo.substring(userInfo.indexOf(':') + 1));
      }
    }
    return secrets;
  }

  /** The servers, without user info, for messages. */
  public String describeServers() {
    return String.join(",", servers.stream().map(s -> s.replaceFirst("[^/@,]+@", "")).toList());
  }

  @Override
  public String toString() {
    return "NatsSettings[servers=" + describeServers() + ", seed=***, prefix=" + prefix + "]";
  }
}
