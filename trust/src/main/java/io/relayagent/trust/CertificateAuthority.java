package io.relayagent.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The organisation's root CA: it issues the certificates of servers, relays and agents, renews
 * them, and revokes them in a CRL. The clock is injected so that tests can make certificates that
 * are already expired or not yet valid.
 */
public final class CertificateAuthority {
  /** Ten years: replacing a root touches every host, so it is done rarely and on purpose. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

  /** Validity starts a little in the past so hosts whose clocks lag accept a fresh certificate. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final Clock clock;

  private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.clock = clock;
  }

  /** A new root CA named {@code subject}, such as "CN=Example Relay Root CA,O=Example". */
  public static CertificateAuthority createRoot(
      String subject, KeyAlgorithm algorithm, Duration validity, Clock clock) {
    KeyPair keys = algorithm.generateKeyPair();
    Instant now = clock.instant();
    X509Certificate certificate =
        CertificateSigner.selfSignedCa(
            Names.parse(subject),
            keys.getPublic(),
            keys.getPrivate(),
            now.minus(CLOCK_SKEW),
            now.plus(validity));
    return new CertificateAuthority(certificate, keys.getPrivate(), clock);
  }

  /** "CN=" and {@code commonName}, escaped as RFC 2253 needs: a subject for {@link #createRoot}. */
  public static String subjectWithCommonName(String commonName) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      return new X500Principal(name.getEncoded()).getName(X500Principal.RFC2253);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode the name \"" + commonName + "\"", e);
    }
  }

  /** The CA whose certificate and key were read from files. */
  public static CertificateAuthority of(
      X509Certificate certificate, PrivateKey privateKey, Clock clock) {
    if (certificate.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(Names.subject(certificate) + " is not a CA certificate");
    }
    if (!KeyMatch.matches(privateKey, certificate.getPublicKey())) {
      throw new IllegalArgumentException(
          "the private key does not belong to the CA certificate " + Names.subject(certificate));
    }
    return new CertificateAuthority(certificate, privateKey, clock);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** A new end-entity certificate with a new key; its chain is the certificate then this CA's. */
  public Credential issue(IssueRequest request) {
    KeyAlgorithm algorithm =
        request.keyAlgorithm() != null ? request.keyAlgorithm() : KeyAlgorithm.of(privateKey);
    KeyPair keys = algorithm.generateKeyPair();
    return new Credential(issue(request, keys.getPublic()), keys.getPrivate());
  }

  /**
   * A new end-entity certificate for a key the CA never sees the private half of (an enrolling
   * host's, from its certificate request); its chain is the certificate then this CA's.
   */
  public List<X509Certificate> issue(IssueRequest request, PublicKey publicKey) {
    Instant from =
        request.notBefore() != null ? request.notBefore() : clock.instant().minus(CLOCK_SKEW);
    Instant to = from.plus(request.validity()).plus(CLOCK_SKEW);
    Instant caEnd = certificate.getNotAfter().toInstant();
    if (to.isAfter(caEnd)) {
      to = caEnd; // a certificate cannot usefully outlive the CA that vouches for it
    }
    List<GeneralName> alternativeNames = new ArrayList<>();
    request.dnsNames().forEach(n -> alternativeNames.add(new GeneralName(GeneralName.dNSName, n)));
    request
        .ipAddresses()
        .forEach(a -> alternativeNames.add(new GeneralName(GeneralName.iPAddress, a)));
    X509Certificate issued =
        CertificateSigner.endEntity(
            certificate,
            privateKey,
            subjectFor(request.commonName()),
            publicKey,
            request.role(),
            alternativeNames,
            from,
            to);
    return List.of(issued, certificate);
  }

  /** A new certificate and key for the same role, name and addresses as {@code existing}. */
  public Credential renew(X509Certificate existing, Duration validity) {
    Role role =
        Role.of(existing)
            .filter(r -> r != Role.CA)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        Names.subject(existing) + " is not a server, relay or agent certificate"));
    return issue(
        IssueRequest.of(role, Names.commonName(existing))
            .withDnsNames(Names.dnsNames(existing))
            .withIpAddresses(Names.ipAddresses(existing))
            .withValidity(validity)
            .withKeyAlgorithm(KeyAlgorithm.of(existing.getPublicKey())));
  }

  /** A new root with the same name and curve but a new key, for a rollover. */
  public CertificateAuthority renewRoot(Duration validity) {
    return createRoot(Names.subject(certificate), KeyAlgorithm.of(privateKey), validity, clock);
  }

  /** This CA's next CRL: every entry of {@code previous} (if any) and the newly revoked serials. */
  public X509CRL newCrl(X509CRL previous, Collection<BigInteger> newlyRevoked) {
    return CrlSigner.sign(this, previous, newlyRevoked, clock.instant());
  }

  /** The subject of an issued certificate: its name, in the CA's organisation. */
  private X500Name subjectFor(String commonName) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (RDN organisation : Names.x500(certificate).getRDNs(BCStyle.O)) {
      builder.addRDN(organisation.getFirst());
    }
    return builder.addRDN(BCStyle.CN, commonName).build();
  }
}
