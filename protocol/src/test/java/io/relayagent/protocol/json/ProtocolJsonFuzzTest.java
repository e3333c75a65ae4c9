package io.relayagent.protocol.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.relayagent.protocol.admin.EdgeRelayRequest;
import io.relayagent.protocol.admin.EnrollmentTokenRequest;
import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.enroll.CertificateRenewal;
import io.relayagent.protocol.enroll.EnrollmentRequest;
import java.util.List;

/**
 * Whatever body a client sends, read as every request body the server accepts: a {@link
 * MalformedJsonException} naming what is wrong, or a message that is written and read back as
 * itself (what the server stores and answers is what it was sent).
 *
 * <p>The server's {@code JsonBodies} adds only the media type and a 413 for the size before calling
 * {@link ProtocolJson#read(byte[], int, Class)}, so this covers the server's bodies too.
 */
class ProtocolJsonFuzzTest {

  private static final int MAX_BYTES = 4096;

  private static final List<Class<?>> REQUEST_BODIES =
      List.of(
          StatusReport.class,
          EventBatch.class,
          EnrollmentRequest.class,
          CertificateRenewal.class,
          EdgeRelayRequest.class,
          EnrollmentTokenRequest.class);

  @FuzzTest
  void read_anyBody_isRefusedWithAReasonOrReadsBackAsItself(byte[] body) {
    for (Class<?> type : REQUEST_BODIES) {
      Object message;
      try {
        message = ProtocolJson.read(body, MAX_BYTES, type);
      } catch (MalformedJsonException refused) {
        assertThat(refused.getMessage()).isNotBlank();
        assertRefusedForTheInput(refused);
        continue;
      }
      assertThat(body.length).isLessThanOrEqualTo(MAX_BYTES);
      assertThat(message).isInstanceOf(type);
      byte[] written = ProtocolJson.write(message);
      Object again = readBack(written, type);
      assertThat(again).as("read back from %s", new String(written, UTF_8)).isEqualTo(message);
      assertThat(ProtocolJson.write(again)).isEqualTo(written);
    }
  }

  /**
   * A refusal comes from the parser (an {@link java.io.IOException}), from a member's own check (an
   * {@link IllegalArgumentException}) or from jackson-jr finding a scalar where a record belongs
   * (its own {@link IllegalStateException}); any other exception inside is a bug that the refusal
   * would hide.
   */
  private static void assertRefusedForTheInput(MalformedJsonException refused) {
    for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
      if (cause instanceof RuntimeException
          && !(cause instanceof IllegalArgumentException)
          && !isJacksonJrRefusal(cause)) {
        throw new AssertionError("a refusal caused by a bug: " + refused.getMessage(), refused);
      }
    }
  }

  private static boolean isJacksonJrRefusal(Throwable cause) {
    StackTraceElement[] at = cause.getStackTrace();
    return cause instanceof IllegalStateException
        && at.length > 0
        && at[0].getClassName().startsWith("com.fasterxml.jackson.jr.");
  }

  private static Object readBack(byte[] written, Class<?> type) {
    try {
      return ProtocolJson.read(written, ProtocolJson.MAX_DOCUMENT_BYTES, type);
    } catch (MalformedJsonException e) {
      throw new AssertionError(
          "what was written cannot be read: "
              + e.getMessage()
              + " in "
              + new String(written, UTF_8),
          e);
    }
  }
}
