package io.relayagent.trust;

import java.nio.file.Path;

/**
 * The hosts most of these tests start from, made with the one {@link LoopbackPki}: a management
 * server {@code mgmt}, a relay {@code relay-1} and an agent {@code agent-1}.
 */
final class TestHosts {
  static final String ROOT_SUBJECT = "CN=Test Relay Root CA,O=Relay Agent Tests";

  private TestHosts() {}

  /** The CA alone. */
  static LoopbackPki ca(Path dir) throws TrustFileException {
    return LoopbackPki.create(dir, ROOT_SUBJECT);
  }

  /** The CA and the three hosts. */
  static LoopbackPki all(Path dir) throws TrustFileException {
    return ca(dir)
        .issue(Role.SERVER, "mgmt")
        .issue(Role.RELAY, "relay-1")
        .issue(Role.AGENT, "agent-1");
  }

  /** {@code name}'s material, also checking peers against the directory's crl.pem. */
  static TrustMaterial withCrl(LoopbackPki pki, String name) throws TrustFileException {
    return TrustMaterial.load(pki.files(name).withCrl(pki.directory().crl()));
  }
}
