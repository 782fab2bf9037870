package io.dispatch.lifecycle.params;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for URL-valued parameters and settings, one method per kind of URL, each naming its
 * field when it refuses a value and never quoting it (a URL may carry a token). Pure: nothing here
 * resolves a name; the adapters that connect check the addresses they resolve with {@link
 * #isLinkLocal}.
 */
public final class Urls {

  /**
   * Schemes a repository URL may have; {@code file} only when the run allows local repositories.
   */
  public static final Set<String> REPOSITORY_SCHEMES =
      Set.of("https", "http", "ssh", "git", "git+ssh", "ssh+git", "file");

  /** Names of cloud metadata services that are not written as a link-local address. */
  private static final Set<String> METADATA_HOSTS =
      Set.of("metadata.google.internal", "metadata.goog", "instance-data");

  /** The AWS instance metadata service's IPv6 address, which is not link-local. */
  private static final String AWS_METADATA_V6 = "fd00:ec2:0:0:0:0:0:254";

  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)0x[0-9a-f]*|\\d+");
  private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
  private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9_.-]+@([A-Za-z0-9_.-]+):.+");

  private Urls() {}

  /**
   * The base URL of a service the run calls ({@code backendUrl}, {@code nomadAddress}, {@code
   * OTEL_EXPORTER_OTLP_ENDPOINT}): http or https, a host, a port within 1-65535, a path at most; no
   * user info (credentials have their own fields), query or fragment, and no IPv4-mapped IPv6 host.
   */
  public static URI endpoint(String value, String field) {
    URI uri = httpUrl(value, field);
    if (uri.getRawUserInfo() != null) {
      throw new InvalidParameterException(
          field, "must not carry user info (credentials have their own setting)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidParameterException(field, "must not have a query or a fragment");
    }
    return uri;
  }

  /**
   * A URL to download from ({@code sourceUrl}): http or https, a host that is not a link-local or
   * cloud metadata address, a port within 1-65535; a query (a signature) is allowed, user info and
   * a fragment are not.
   */
  public static URI download(String value, String field) {
    URI uri = httpUrl(value, field);
    if (uri.getRawUserInfo() != null) {
      throw new InvalidParameterException(
          field, "must not carry user info (sign the URL or make it public instead)");
    }
    if (uri.getRawFragment() != null) {
      throw new InvalidParameterException(field, "must not have a fragment");
    }
    refuseLinkLocal(uri.getHost(), field);
    return uri;
  }

  /**
   * A repository given as a URL: one of {@link #REPOSITORY_SCHEMES}, or the scp-like {@code
   * user@host:path}; a port within 1-65535, no fragment, and not on a link-local or cloud metadata
   * host. Whether {@code file://} is allowed is the caller's decision ({@link #isFile}).
   */
  public static String repository(String value, String field) {
    String v = Checks.required(value, field);
    java.util.regex.Matcher scp = SCP_LIKE.matcher(v);
    if (!v.contains("://") && scp.matches()) {
      refuseLinkLocal(scp.group(1), field);
      return v;
    }
    URI uri = parse(v, field);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!REPOSITORY_SCHEMES.contains(scheme)) {
      throw new InvalidParameterException(
          field, "must be an https://, http://, ssh:// or git:// URL, or owner/repo");
    }
    if (uri.getRawFragment() != null) {
      throw new InvalidParameterException(field, "must not have a fragment");
    }
    if (scheme.equals("file")) {
      return v;
    }
    if (uri.getHost() == null) {
      throw new InvalidParameterException(field, "must name a host");
    }
    checkPort(uri, field);
    refuseLinkLocal(uri.getHost(), field);
    return v;
  }

  /** Whether a repository URL reads the orchestrator's own file system. */
  public static boolean isFile(String repository) {
    return repository.strip().toLowerCase(Locale.ROOT).startsWith("file:");
  }

  /**
   * The user info of a URL-like text ({@code scheme://userinfo@host…}), with or without a colon, if
   * it has one: a secret to mask wherever the URL goes.
   */
  public static Optional<String> userInfo(String url) {
    if (url == null) {
      return Optional.empty();
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return Optional.empty();
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    return at >= start ? Optional.of(url.substring(start, at)) : Optional.empty();
  }

  /**
   * Whether connecting to {@code address} would reach a link-local or cloud metadata service:
   * 169.254.0.0/16, fe80::/10, their IPv4-mapped forms, or AWS's fd00:ec2::254.
   */
  public static boolean isLinkLocal(InetAddress address) {
    if (address.isLinkLocalAddress()) {
      return true;
    }
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
        return (b[12] & 0xff) == 169 && (b[13] & 0xff) == 254;
      }
      return v6.getHostAddress().replaceFirst("%.*$", "").equals(AWS_METADATA_V6);
    }
    return false;
  }

  /** Whether {@code host} names a cloud metadata service by name. */
  public static boolean isMetadataHost(String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    return METADATA_HOSTS.contains(h);
  }

  private static URI httpUrl(String value, String field) {
    URI uri = parse(Checks.required(value, field), field);
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new InvalidParameterException(field, "must be an http:// or https:// URL");
    }
    checkPort(uri, field);
    literalAddress(uri.getHost(), field)
        .filter(a -> a instanceof Inet4Address && uri.getHost().startsWith("["))
        .ifPresent(
            a -> {
              throw new InvalidParameterException(
                  field, "must not use an IPv4-mapped IPv6 address; write the IPv4 address");
            });
    return uri;
  }

  private static URI parse(String value, String field) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidParameterException(field, "is not a URL");
    }
  }

  private static void checkPort(URI uri, String field) {
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      throw new InvalidParameterException(field, "must have a port between 1 and 65535");
    }
  }

  private static void refuseLinkLocal(String host, String field) {
    if (isMetadataHost(host) || literalAddress(host, field).map(Urls::isLinkLocal).orElse(false)) {
      throw new InvalidParameterException(
          field, "must not point at a link-local or cloud metadata address");
    }
  }

  /**
   * The address a host written as an IP literal stands for, without any name lookup. Numbers in
   * other forms than a plain dotted quad ({@code 2852039166}, {@code 0xa9.0xfe.0xa9.0xfe}, {@code
   * 0251.0376.0251.0376}) are refused: resolvers read them differently, some as octal.
   */
  private static Optional<InetAddress> literalAddress(String host, String field) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    boolean literal;
    if (IPV6_LITERAL.matcher(h).matches()) {
      literal = true;
    } else {
      String last = h.substring(h.lastIndexOf('.') + 1);
      if (!NUMERIC_LABEL.matcher(last).matches()) {
        return Optional.empty();
      }
      if (!DOTTED_QUAD.matcher(h).matches()) {
        throw new InvalidParameterException(
            field, "must name its host by name or as a plain IPv4 or IPv6 address");
      }
      literal = true;
    }
    try {
      return literal ? Optional.of(InetAddress.getByName(h)) : Optional.empty();
    } catch (UnknownHostException e) {
      throw new InvalidParameterException(field, "has a host that is not a valid IP address");
    }
  }
}
