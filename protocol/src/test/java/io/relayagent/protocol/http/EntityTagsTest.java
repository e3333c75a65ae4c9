package io.relayagent.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.TestBytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

  private static final String TAG =
      EntityTags.of(TestBytes.sha256("hello".getBytes(StandardCharsets.UTF_8)));

  @Test
  void of_isBase64UrlOfTheDigestInQuotes() {
    // The same content has this tag at the server and at every relay (docs/server-protocol.md).
    assertThat(TAG).isEqualTo("\"LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ\"");
  }

  @Test
  void noneMatchHits_theTagAmongOthersOrAStar() {
    assertThat(EntityTags.noneMatchHits(TAG, TAG)).isTrue();
    assertThat(EntityTags.noneMatchHits("\"other\", " + TAG, TAG)).isTrue();
    assertThat(EntityTags.noneMatchHits("W/" + TAG, TAG)).isTrue();
    assertThat(EntityTags.noneMatchHits("*", TAG)).isTrue();
  }

  @Test
  void noneMatchHits_absentOrOtherTags_isAMiss() {
    assertThat(EntityTags.noneMatchHits(null, TAG)).isFalse();
    assertThat(EntityTags.noneMatchHits("\"other\"", TAG)).isFalse();
    assertThat(EntityTags.noneMatchHits("", TAG)).isFalse();
  }
}
