package io.dispatch.lifecycle.nomad;

import io.dispatch.lifecycle.run.StepFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * TLS for the Nomad connection: trust the CA of {@code NOMAD_CACERT} when one is given (else the
 * JVM's), and accept either the address's own host name or Nomad's certificate convention, a SAN of
 * {@code server.<region>.nomad} or {@code client.<region>.nomad}.
 */
final class NomadTls {

  private static final int DNS_NAME = 2;

  private NomadTls() {}

  static SSLConnectionSocketFactory socketFactory(String caCertFile, String region) {
    SSLContext context = caCertFile.isEmpty() ? systemDefault() : trusting(Path.of(caCertFile));
    return new SSLConnectionSocketFactory(context, new NomadHostnames(region));
  }

  private static SSLContext systemDefault() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM has no default TLS context", e);
    }
  }

  /** A TLS context that trusts exactly the certificates in the PEM file {@code pem}. */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new StepFailedException("Nomad CA certificate " + pem + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("nomad-ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new StepFailedException(
          "cannot use Nomad CA certificate " + pem + ": " + e.getMessage(), e);
    }
  }

  /** The host name check: the usual one, or Nomad's agent certificate names. */
  private static final class NomadHostnames implements HostnameVerifier {
    private final DefaultHostnameVerifier standard = new DefaultHostnameVerifier();
    private final Pattern agentName;

    NomadHostnames(String region) {
      String r = region.isEmpty() ? "[A-Za-z0-9-]+" : Pattern.quote(region);
      this.agentName = Pattern.compile("(server|client)\\." + r + "\\.nomad");
    }

    @Override
    public boolean verify(String host, SSLSession session) {
      return standard.verify(host, session) || hasAgentName(session);
    }

    private boolean hasAgentName(SSLSession session) {
      try {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
          return false;
        }
        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        if (names == null) {
          return false;
        }
        for (List<?> name : names) {
          if (name.size() == 2
              && Integer.valueOf(DNS_NAME).equals(name.get(0))
              && agentName.matcher(String.valueOf(name.get(1))).matches()) {
            return true;
          }
        }
        return false;
      } catch (SSLException | CertificateParsingException e) {
        return false;
      }
    }
  }
}
