package io.relayagent.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds and signs X.509 v3 certificates with the extensions of each {@link Role}. */
final class CertificateSigner {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateSigner() {}

  /** A self-signed root CA certificate that may issue end-entity certificates only. */
  static X509Certificate selfSignedCa(
      X500Name subject, PublicKey publicKey, PrivateKey privateKey, Instant from, Instant to) {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject, serial(), Date.from(from), Date.from(to), subject, publicKey);
    return sign(builder, Role.CA, publicKey, publicKey, List.of(), privateKey);
  }

  /** An end-entity certificate for {@code role}, issued and signed by {@code issuer}. */
  static X509Certificate endEntity(
      X509Certificate issuer,
      PrivateKey issuerKey,
      X500Name subject,
      PublicKey publicKey,
      Role role,
      List<GeneralName> alternativeNames,
      Instant from,
      Instant to) {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer, serial(), Date.from(from), Date.from(to), subject, publicKey);
    return sign(builder, role, publicKey, issuer.getPublicKey(), alternativeNames, issuerKey);
  }

  /** Random 159-bit serials: unpredictable, positive, and within RFC 5280's 20 octets. */
  private static BigInteger serial() {
    return new BigInteger(159, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder,
      Role role,
      PublicKey subjectKey,
      PublicKey issuerKey,
      List<GeneralName> alternativeNames,
      PrivateKey signingKey) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      // A root with path length 0 can only issue end-entity certificates, never another CA.
      builder.addExtension(
          Extension.basicConstraints,
          true,
          role == Role.CA ? new BasicConstraints(0) : new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(role.keyUsage()));
      if (!role.extendedKeyUsages().isEmpty()) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(role.extendedKeyUsages().toArray(new KeyPurposeId[0])));
      }
      if (!alternativeNames.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(alternativeNames.toArray(new GeneralName[0])));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
      String algorithm = KeyAlgorithm.of(signingKey).signatureAlgorithm();
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
    }
  }
}
