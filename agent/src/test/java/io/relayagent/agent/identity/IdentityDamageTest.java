package io.relayagent.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.TrustPolicy;
import io.relayagent.testkit.BitFlips;
import io.relayagent.testkit.MutableClock;
import io.relayagent.trust.Credential;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Revocation;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Signature;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for the agent's identity and trust files (issue 13): one flipped bit at many
 * positions of {@code ca.pem}, {@code crl.pem}, {@code agent.pem} or {@code agent-key.pem}, then a
 * start. The agent either starts with exactly the trust it had (the flip hit nothing that is read)
 * or refuses to start with an error that names the damaged file; it never starts trusting another
 * root or signing with another key, and a certificate no longer as its CA signed it is named in
 * {@code relay-agent status}.
 */
class IdentityDamageTest {

  private static final int FLIPS_PER_FILE = 90;

  @TempDir Path dir;
  private IdentityFiles files;
  private TrustMaterial written;

  @BeforeEach
  void installIdentity() throws Exception {
    LoopbackPki pki =
        LoopbackPki.create(dir.resolve("ca"), "CN=Test Root,O=Tests")
            .issue(Role.AGENT, "agent-1")
            .issue(Role.AGENT, "agent-2");
    new Revocation(pki.directory()).revoke("agent-2");
    Path state = dir.resolve("state");
    files = IdentityFiles.of(TrustPolicy.defaults(), dir, state);
    Files.createDirectories(state.resolve("trust"));
    copy(pki.directory().trustBundle(), files.bundleFile());
    copy(pki.directory().crl(), files.crlFile());
    copy(pki.directory().certificate("agent-1"), files.certificateChain());
    copy(pki.directory().privateKey("agent-1"), files.privateKey());
    written = open().trust().current();
    assertThat(written.crls()).hasSize(1);
  }

  @Test
  void open_flippedBitInTheTrustBundle_refusesNamingIt_neverTrustsAnotherRoot() throws Exception {
    assertEachFlip(files.bundleFile());
  }

  @Test
  void open_flippedBitInTheCrl_refusesNamingIt_neverAnotherRevocationList() throws Exception {
    assertEachFlip(files.crlFile());
  }

  @Test
  void open_flippedBitInTheCertificate_refusesOrStatusNamesIt_neverAnotherKey() throws Exception {
    assertEachFlip(files.certificateChain());
  }

  @Test
  void open_flippedBitInThePrivateKey_refusesNamingIt_neverSignsWithAnotherKey() throws Exception {
    assertEachFlip(files.privateKey());
  }

  private void assertEachFlip(Path file) throws Exception {
    BitFlips.eachFlip(
        file,
        FLIPS_PER_FILE,
        at -> {
          AgentCertificate opened;
          try {
            opened = open();
          } catch (IOException e) {
            assertThat(e).as("bit flipped at %d", at).hasMessageContaining(file.toString());
            return;
          }
          TrustMaterial read = opened.trust().current();
          if (!read.identity()
              .orElseThrow()
              .chain()
              .equals(written.identity().orElseThrow().chain())) {
            // Still its key's certificate, but no longer what the CA signed: the agent starts (to
            // renew or enroll again) and says so where the administrator looks.
            assertThat(opened.status().state())
                .as("bit flipped at %d: status names the damaged file", at)
                .contains(file + " leads to no trusted root by its signatures");
            return;
          }
          assertThat(read.trustedRoots())
              .as("bit flipped at %d: the roots", at)
              .isEqualTo(written.trustedRoots());
          assertThat(read.crls()).as("bit flipped at %d: the CRLs", at).isEqualTo(written.crls());
          Credential identity = read.identity().orElseThrow();
          assertThat(identity.chain())
              .as("bit flipped at %d: the certificate", at)
              .isEqualTo(written.identity().orElseThrow().chain());
          assertThat(signsForItsCertificate(identity))
              .as("bit flipped at %d: the key", at)
              .isTrue();
        });
  }

  private AgentCertificate open() throws IOException {
    return AgentCertificate.open(files, new MutableClock(Instant.now()));
  }

  private static boolean signsForItsCertificate(Credential identity) throws Exception {
    byte[] data = {1, 2, 3};
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(identity.privateKey());
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(identity.certificate().getPublicKey());
    verifier.update(data);
    return verifier.verify(signature);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}
