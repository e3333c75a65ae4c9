package io.relayagent.trust;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a certificate may do in the system, told apart by its extended key usages.
 *
 * <p>A server proves itself to clients (serverAuth). A relay does that to agents and also proves
 * itself as a client to servers (serverAuth and clientAuth); its key also signs discovery offers.
 * An agent is only ever a client (clientAuth). Because the sets differ, a relay's certificate is
 * never taken for a server's: a relay that could pass as the management server could read the
 * agents' traffic that it tunnels.
 */
public enum Role {
  SERVER("a server", KeyUsage.digitalSignature, KeyPurposeId.id_kp_serverAuth),
  RELAY(
      "a relay",
      KeyUsage.digitalSignature,
      KeyPurposeId.id_kp_serverAuth,
      KeyPurposeId.id_kp_clientAuth),
  AGENT("an agent", KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth),
  CA("a CA", KeyUsage.keyCertSign | KeyUsage.cRLSign);

  static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
  static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

  private final String description;
  private final int keyUsage;
  private final List<KeyPurposeId> extendedKeyUsages;

  Role(String description, int keyUsage, KeyPurposeId... extendedKeyUsages) {
    this.description = description;
    this.keyUsage = keyUsage;
    this.extendedKeyUsages = List.of(extendedKeyUsages);
  }

  /** "a server", "an agent": for messages such as "required of an agent". */
  public String description() {
    return description;
  }

  /** The key usage bits (Bouncy Castle {@link KeyUsage} flags) a certificate of this role has. */
  public int keyUsage() {
    return keyUsage;
  }

  /** The extended key usages a certificate of this role has; none for a CA. */
  public List<KeyPurposeId> extendedKeyUsages() {
    return extendedKeyUsages;
  }

  /** The role's name on the command line: server, relay, agent, ca. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role of {@code cliName} (case-insensitive), as in {@code --role relay}. */
  public static Role fromCliName(String cliName) {
    for (Role role : values()) {
      if (role.cliName().equals(cliName.trim().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role \"" + cliName + "\": use server, relay, agent or ca");
  }

  /** The role a certificate was issued for, or empty if its usages fit none. */
  public static Optional<Role> of(X509Certificate certificate) {
    if (certificate.getBasicConstraints() >= 0) {
      return Optional.of(CA);
    }
    List<String> usages = extendedKeyUsagesOf(certificate);
    boolean server = usages.contains(SERVER_AUTH);
    boolean client = usages.contains(CLIENT_AUTH);
    if (server && client) {
      return Optional.of(RELAY);
    }
    if (server) {
      return Optional.of(SERVER);
    }
    return client ? Optional.of(AGENT) : Optional.empty();
  }

  /** The certificate's extended key usage OIDs; empty when it has none or they are unreadable. */
  static List<String> extendedKeyUsagesOf(X509Certificate certificate) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages == null ? List.of() : usages;
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
