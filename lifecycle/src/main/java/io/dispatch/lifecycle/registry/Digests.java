package io.dispatch.lifecycle.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content digests ({@code sha256:<hex>}) of raw bytes, as the registry computes them. */
final class Digests {

  private static final Pattern FORM = Pattern.compile("(sha256|sha512):[a-f0-9]{64,128}");

  private Digests() {}

  static boolean isDigest(String value) {
    return value != null && FORM.matcher(value).matches();
  }

  static String sha256(byte[] content) {
    return "sha256:" + hex("SHA-256", content);
  }

  /** Whether {@code content} hashes to {@code digest}; false for an algorithm we do not know. */
  static boolean matches(String digest, byte[] content) {
    if (!isDigest(digest)) {
      return false;
    }
    String algorithm = digest.startsWith("sha512:") ? "SHA-512" : "SHA-256";
    return digest.substring(digest.indexOf(':') + 1).equals(hex(algorithm, content));
  }

  private static String hex(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
  }
}
