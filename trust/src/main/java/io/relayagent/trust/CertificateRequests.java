package io.relayagent.trust;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certificate requests, as an agent enrolls or renews: the agent makes its key pair, and
 * only the request (its public key and the name it asks for, signed with the private key) leaves
 * the host. The CA decides the role and validity; from the request it takes the key and the name.
 */
public final class CertificateRequests {
  /** A request of ours is a few hundred bytes; anything much larger is not one. */
  public static final int MAX_PEM_CHARS = 8 * 1024;

  /** What the CA takes from a verified request. */
  public record SigningRequest(String commonName, PublicKey publicKey) {}

  private CertificateRequests() {}

  /** A PEM request for {@code commonName}, signed with {@code keys}' private key. */
  public static String create(KeyPair keys, String commonName) {
    X500Name subject = Names.parse(CertificateAuthority.subjectWithCommonName(commonName));
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(KeyAlgorithm.of(keys.getPrivate()).signatureAlgorithm())
              .build(keys.getPrivate());
      PKCS10CertificationRequest request =
          new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic()).build(signer);
      StringWriter text = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
        writer.writeObject(request);
      }
      return text.toString();
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make a certificate request: " + e.getMessage(), e);
    }
  }

  /**
   * Reads and checks a PEM request: bounded, well formed, signed by the key it carries (proof that
   * the sender holds the private key), a P-256 or P-384 key, and a usable common name.
   *
   * @param source what to name in errors, such as the document member
   * @throws IllegalArgumentException saying what is wrong
   */
  public static SigningRequest read(String pem, String source) {
    if (pem == null || pem.length() > MAX_PEM_CHARS) {
      throw new IllegalArgumentException(
          source
              + " must be a PEM certificate request of at most "
              + MAX_PEM_CHARS
              + " characters");
    }
    PKCS10CertificationRequest request = null;
    for (Object object : PemText.parse(pem, source)) {
      if (object instanceof PKCS10CertificationRequest found) {
        request = found;
        break;
      }
    }
    if (request == null) {
      throw new IllegalArgumentException(
          source + " holds no PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
    }
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
      PublicKey key = jca.getPublicKey();
      KeyAlgorithm.of(key);
      if (!request.isSignatureValid(
          new JcaContentVerifierProviderBuilder()
              .setProvider(Providers.bouncyCastle())
              .build(key))) {
        throw new IllegalArgumentException(
            source + " is not signed by the key it carries: the sender does not hold that key");
      }
      String commonName = Names.commonName(request.getSubject());
      if (commonName == null || commonName.isBlank()) {
        throw new IllegalArgumentException(source + " asks for no common name");
      }
      return new SigningRequest(commonName, key);
    } catch (java.security.GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new IllegalArgumentException(source + " cannot be checked: " + e.getMessage(), e);
    }
  }

  /** Whether {@code certificate} carries {@code key}: what an agent checks of what it was given. */
  public static boolean certifies(X509Certificate certificate, PublicKey key) {
    return certificate.getPublicKey().equals(key);
  }
}
