package io.relayagent.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs a CA's certificate revocation lists, carrying earlier entries into each new one. */
final class CrlSigner {
  /**
   * How long a CRL is current. Verifiers warn about an older CRL but keep applying it: a revocation
   * never stops counting because the administrator forgot to refresh the list.
   */
  static final Duration NEXT_UPDATE = Duration.ofDays(365);

  private CrlSigner() {}

  static X509CRL sign(
      CertificateAuthority ca, X509CRL previous, Collection<BigInteger> revoked, Instant now) {
    try {
      JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(now));
      builder.setNextUpdate(Date.from(now.plus(NEXT_UPDATE)));
      BigInteger number = BigInteger.ONE;
      if (previous != null) {
        previous.verify(ca.certificate().getPublicKey());
        builder.addCRL(new X509CRLHolder(previous.getEncoded()));
        number = crlNumber(previous).add(BigInteger.ONE);
      }
      for (BigInteger serial : revoked) {
        if (previous == null || previous.getRevokedCertificate(serial) == null) {
          builder.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
        }
      }
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
      String algorithm = KeyAlgorithm.of(ca.privateKey()).signatureAlgorithm();
      return new JcaX509CRLConverter()
          .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(ca.privateKey())));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign the CRL: " + e.getMessage(), e);
    }
  }

  private static BigInteger crlNumber(X509CRL crl) throws IOException {
    byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (extension == null) {
      return BigInteger.ZERO;
    }
    return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
        .getPositiveValue();
  }
}
