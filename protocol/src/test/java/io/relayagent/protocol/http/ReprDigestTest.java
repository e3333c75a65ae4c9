package io.relayagent.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.testkit.TestBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReprDigestTest {

  private static final byte[] SHA = TestBytes.sha256("hello".getBytes(StandardCharsets.UTF_8));
  private static final String VALUE = ReprDigest.format(SHA);

  @Test
  void format_isAnRfc9530ByteSequence() {
    assertThat(VALUE).isEqualTo("sha-256=:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=:");
  }

  @Test
  void parseSha256_findsItAmongOtherAlgorithms() {
    assertThat(ReprDigest.parseSha256(List.of(VALUE)))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(SHA));
    assertThat(ReprDigest.parseSha256(List.of("sha-512=:AAAA:, " + VALUE)))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(SHA));
    assertThat(ReprDigest.parseSha256(List.of("sha-512=:AAAA:", VALUE + ";p=1")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(SHA));
  }

  @Test
  void parseSha256_absent_isEmpty() {
    assertThat(ReprDigest.parseSha256(List.of())).isEmpty();
    assertThat(ReprDigest.parseSha256(List.of("sha-512=:AAAA:"))).isEmpty();
  }

  @Test
  void parseSha256_malformed_isRefused() {
    for (String bad :
        new String[] {
          "sha-256=LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
          "sha-256=:AAAA:",
          "sha-256=:not base64!:",
          "sha-256",
          VALUE + ", " + VALUE
        }) {
      assertThatThrownBy(() -> ReprDigest.parseSha256(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
