package io.dispatch.lifecycle.source;

import io.dispatch.lifecycle.params.Urls;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Keeps downloads and clones of user-given URLs away from link-local and cloud metadata services
 * (169.254.169.254 and the like): every address a host resolves to is checked with {@link
 * Urls#isLinkLocal}, so a name that resolves there, a numeric spelling of such an address, or (for
 * downloads, which resolve every connection here) a redirect to one, is refused as well as the
 * literal address the parameters already refuse.
 */
final class LinkLocalGuard implements DnsResolver {

  static final LinkLocalGuard INSTANCE = new LinkLocalGuard();

  private static final Pattern SCP_LIKE = Pattern.compile("[^/@:]+@([^/:]+):.+");

  private LinkLocalGuard() {}

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
    check(host, addresses);
    return addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }

  /**
   * Resolves the host of {@code url} (a URL or the scp-like {@code user@host:path}) and refuses it
   * if it is link-local or a metadata service; a URL without a host (a {@code file:} URL) passes.
   *
   * @throws RefusedHostException when it is
   * @throws UnknownHostException when the host does not resolve
   */
  static void checkUrl(String url) throws UnknownHostException {
    Optional<String> host = host(url);
    if (host.isPresent()) {
      check(host.get(), new InetAddress[0]);
      check(host.get(), InetAddress.getAllByName(host.get()));
    }
  }

  private static void check(String host, InetAddress[] addresses) throws RefusedHostException {
    if (Urls.isMetadataHost(host)) {
      throw new RefusedHostException(host);
    }
    for (InetAddress address : addresses) {
      if (Urls.isLinkLocal(address)) {
        throw new RefusedHostException(host);
      }
    }
  }

  private static Optional<String> host(String url) {
    Matcher scp = SCP_LIKE.matcher(url);
    if (!url.contains("://") && scp.matches()) {
      return Optional.of(scp.group(1));
    }
    try {
      return Optional.ofNullable(new URI(url).getHost())
          .map(h -> h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** A host that resolves to a link-local or cloud metadata address. */
  static final class RefusedHostException extends UnknownHostException {
    RefusedHostException(String host) {
      super(host + " resolves to a link-local or cloud metadata address, which is never used");
    }
  }
}
