package io.relayagent.mesh.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentPathsTest {

  @Test
  void parseTarget_plainPath_namesSiteAndPath() {
    assertThat(ContentPaths.parseTarget("/content/Repo/Current/DAT/avvdat-10000.zip"))
        .isEqualTo(new ContentKey("Repo", "Current/DAT/avvdat-10000.zip"));
  }

  @Test
  void parseTarget_escapes_areDecodedOnce() {
    assertThat(ContentPaths.parseTarget("/content/My%20Repo/caf%C3%A9/a+b.txt?x=1"))
        .isEqualTo(new ContentKey("My Repo", "café/a+b.txt"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/content/Repo/../x",
        "/content/Repo/%2e%2e/x",
        "/content/Repo/%2E/x",
        "/content/Repo/a%2Fb",
        "/content/Repo/a%5Cb",
        "/content/Repo/a\\b",
        "/content/Repo/%252e%252e/x",
        "/content/Repo/a//b",
        "/content/Repo/a/",
        "/content/Repo/a%00b",
        "/content/Repo/a%7fb",
        "/content/Repo/a%c2%85b",
        "/content/Repo/a b",
        "/content/Repo/a%",
        "/content/Repo/a%4",
        "/content/Repo/a%\uff10\uff10",
        "/content/Repo/%c0%ae%c0%ae/x",
        "/content/Repo/%ff",
        "/content/Repo/x.",
        "/content/Repo/x%20",
        "/content/Repo/c:x",
        "/content/Repo/a*b",
        "/content/Repo/a%3Fb",
        "/content/Repo/a%23b",
        "/content/Repo/\u00e9",
        "/content/..",
        "/content/Repo",
        "/content//x",
        "/contents/Repo/x",
        "/Content/Repo/x",
        "http://relay/content/Repo/x"
      })
  void parseTarget_hostile_isRefused(String target) {
    assertThatThrownBy(() -> ContentPaths.parseTarget(target))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parseTarget_limits_areEnforced() {
    assertThatThrownBy(() -> ContentPaths.parseTarget("/content/Repo/" + "a".repeat(1100)))
        .hasMessageContaining("longer than 1024");
    assertThatThrownBy(() -> ContentPaths.parseTarget("/content/Repo/" + "a/".repeat(64) + "b"))
        .hasMessageContaining("segments");
    assertThat(ContentPaths.parseTarget("/content/Repo/" + "a/".repeat(63) + "b").path())
        .hasSize(64 * 2 - 1);
  }

  @Test
  void of_apiKey_followsTheSameRules() {
    assertThat(ContentKey.of("Repo", "a/b.zip")).isEqualTo(new ContentKey("Repo", "a/b.zip"));
    assertThatThrownBy(() -> ContentKey.of("Repo", "a/../b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContentKey.of("Re/po", "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fileStem_dependsOnSiteAndPathOnly() {
    String stem = ContentKey.of("Repo", "a/b").fileStem();

    assertThat(stem).matches("[0-9a-f]{32}");
    assertThat(ContentKey.of("Repo", "a/b").fileStem()).isEqualTo(stem);
    assertThat(ContentKey.of("Repoa", "b").fileStem())
        .isNotEqualTo(ContentKey.of("Repo", "ab").fileStem());
    assertThat(ContentKey.of("repo", "a/b").fileStem()).isNotEqualTo(stem);
  }
}
