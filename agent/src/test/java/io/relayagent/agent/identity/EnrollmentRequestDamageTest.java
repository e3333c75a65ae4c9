package io.relayagent.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.testkit.BitFlips;
import io.relayagent.trust.CertificateRequests;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.PemFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for the enrollment request and key an agent keeps between attempts (issue
 * 13): a flipped bit in either makes the agent start again with a new pair, never send a request
 * for a key it does not hold.
 */
class EnrollmentRequestDamageTest {

  @TempDir Path dir;
  private Path request;
  private Path key;
  private KeyPair keys;
  private String csr;

  @BeforeEach
  void keepARequest() throws Exception {
    request = dir.resolve("enrollment.csr");
    key = dir.resolve("agent-key.pem");
    keys = KeyAlgorithm.P256.generateKeyPair();
    csr = CertificateRequests.create(keys, "pc-0042-1a2b3c4d");
    PemFiles.writePrivateKey(key, keys.getPrivate(), true);
    AtomicFile.replace(request, csr.getBytes(StandardCharsets.US_ASCII), FileAccess.PRIVATE);
    assertThat(kept()).hasValueSatisfying(k -> assertThat(k.request()).isEqualTo(csr));
  }

  @Test
  void keptRequest_flippedBitInTheRequest_isReplaced_neverSent() throws Exception {
    BitFlips.eachFlip(request, 200, at -> assertKeptOrNone(at));
  }

  @Test
  void keptRequest_flippedBitInTheKey_isReplaced_neverSentForAKeyNoLongerHeld() throws Exception {
    BitFlips.eachFlip(key, 200, at -> assertKeptOrNone(at));
  }

  @Test
  void keptRequest_forAnotherName_isReplaced() {
    assertThat(AgentCertificate.keptRequest(request, key, "another-name")).isEmpty();
  }

  private void assertKeptOrNone(int at) {
    kept()
        .ifPresent(
            k ->
                assertThat(k.publicKey())
                    .as("bit flipped at %d: only the request for this key", at)
                    .isEqualTo(keys.getPublic()));
  }

  private Optional<AgentCertificate.EnrollmentKey> kept() {
    return AgentCertificate.keptRequest(request, key, "pc-0042-1a2b3c4d");
  }
}
