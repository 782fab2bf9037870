package io.dispatch.lifecycle.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL rules, kind by kind: what passes, and the line that names what does not. */
class UrlsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:4646",
        "https://nomad.example.com",
        "https://nomad.example.com:443/",
        "http://[::1]:4646",
        "https://backend.example.com/base/path",
      })
  void endpointsPass(String url) {
    assertThat(Urls.endpoint(url, "nomadAddress")).hasToString(url);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nomad:4646 | must be an http:// or https:// URL",
        "ftp://nomad.example.com | must be an http:// or https:// URL",
        "http://exa_mple.com | must be an http:// or https:// URL",
        "not a url | is not a URL",
        "http://127.0.0.1:99999 | must have a port between 1 and 65535",
        "http://127.0.0.1:0 | must have a port between 1 and 65535",
        "http://127.0.0.1:4646?x=1 | must not have a query or a fragment",
        "http://127.0.0.1:4646#frag | must not have a query or a fragment",
        "http://TOKEN123@127.0.0.1:4646 | must not carry user info (credentials have their own setting)",
        "http://user:pw@127.0.0.1:4646 | must not carry user info (credentials have their own setting)",
        "http://[::ffff:127.0.0.1]:4646 | must not use an IPv4-mapped IPv6 address; write the IPv4 address",
        "http://2130706433:4646 | must name its host by name or as a plain IPv4 or IPv6 address",
        "http://0x7f.0.0.1:4646 | must be an http:// or https:// URL",
        "http://0177.0.0.1:4646 | must name its host by name or as a plain IPv4 or IPv6 address",
      })
  void endpointsThatCannotBeUsedAreRefusedByName(String url, String problem) {
    assertThatThrownBy(() -> Urls.endpoint(url, "nomadAddress"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("'nomadAddress' " + problem);
  }

  @Test
  void aDownloadKeepsItsSignature() {
    String url = "https://uploads.example.test/abc.tar.gz?X-Amz-Signature=abc&X-Amz-Expires=60";
    assertThat(Urls.download(url, "sourceUrl").getRawQuery()).startsWith("X-Amz-Signature=");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://169.254.169.254/latest/meta-data | must not point at a link-local or cloud metadata address",
        "http://[fe80::1]/x.tar.gz | must not point at a link-local or cloud metadata address",
        "http://[::ffff:169.254.169.254]/x.tar.gz | must not use an IPv4-mapped IPv6 address; write the IPv4 address",
        "http://[fd00:ec2::254]/x.tar.gz | must not point at a link-local or cloud metadata address",
        "http://metadata.google.internal/x.tar.gz | must not point at a link-local or cloud metadata address",
        "http://2852039166/x.tar.gz | must name its host by name or as a plain IPv4 or IPv6 address",
        "http://0251.0376.0251.0376/x | must be an http:// or https:// URL",
        "https://user:pw@uploads.example.test/x.tar.gz | must not carry user info (sign the URL or make it public instead)",
        "https://TOKEN@uploads.example.test/x.tar.gz | must not carry user info (sign the URL or make it public instead)",
        "https://uploads.example.test/x.tar.gz#part | must not have a fragment",
        "https://uploads.example.test:99999/x.tar.gz | must have a port between 1 and 65535",
        "s3://bucket/x.tar.gz | must be an http:// or https:// URL",
      })
  void downloadsFromWhereTheyMustNotAreRefused(String url, String problem) {
    assertThatThrownBy(() -> Urls.download(url, "sourceUrl")).hasMessage("'sourceUrl' " + problem);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://git.example.test/acme/app.git",
        "https://x-access-token:tok@git.example.test/acme/app.git",
        "ssh://git@git.example.test:2222/acme/app.git",
        "git@git.example.test:acme/app.git",
        "git://git.example.test/acme/app.git",
        "http://127.0.0.1:8080/acme/app.git",
        "file:///srv/repo.git",
      })
  void repositoriesPass(String url) {
    assertThat(Urls.repository(url, "repository")).isEqualTo(url);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://169.254.169.254/x/y.git | must not point at a link-local or cloud metadata address",
        "git@169.254.169.254:x/y.git | must not point at a link-local or cloud metadata address",
        "https://[fe80::1]/x/y.git | must not point at a link-local or cloud metadata address",
        "ftp://git.example.test/x/y.git | must be an https://, http://, ssh:// or git:// URL, or owner/repo",
        "https://git.example.test:99999/x/y.git | must have a port between 1 and 65535",
        "https://git.example.test/x/y.git#main | must not have a fragment",
      })
  void repositoriesWhereTheyMustNotBeAreRefused(String url, String problem) {
    assertThatThrownBy(() -> Urls.repository(url, "repository"))
        .hasMessage("'repository' " + problem);
  }

  @Test
  void fileRepositoriesAreRecognisedForTheRunToDecide() {
    assertThat(Urls.isFile("file:///etc")).isTrue();
    assertThat(Urls.isFile("FILE:/etc")).isTrue();
    assertThat(Urls.isFile("https://x/y.git")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "http://TOKEN123@host/x | TOKEN123",
        "https://user:pa:ss@host/x | user:pa:ss",
        "https://user@host:8080 | user",
        "https://host/path@x | none",
        "https://host/x?a=b@c | none",
        "owner/repo | none",
      })
  void userInfoIsFoundWithOrWithoutAColon(String url, String info) {
    assertThat(Urls.userInfo(url).orElse(null)).isEqualTo(info);
  }

  @ParameterizedTest
  @CsvSource({
    "169.254.169.254, true",
    "169.254.0.1, true",
    "fe80::1, true",
    "febf::1, true",
    "fd00:ec2::254, true",
    "127.0.0.1, false",
    "10.0.0.1, false",
    "fec0::1, false",
    "::1, false",
  })
  void linkLocalAndMetadataAddresses(String address, boolean linkLocal) throws Exception {
    assertThat(Urls.isLinkLocal(InetAddress.getByName(address))).isEqualTo(linkLocal);
  }
}
