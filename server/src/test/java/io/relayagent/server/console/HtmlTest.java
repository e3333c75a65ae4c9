package io.relayagent.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escape_markupCharacters_becomeCharacterReferences() {
    assertThat(Html.escape("<script>alert('x') & \"y\"</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  }

  @Test
  void escape_controlCharacters_becomeReplacementCharacters() {
    assertThat(Html.escape("a\u0000b\u001bc\u007fd\te\nf"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\te\nf");
  }

  @Test
  void escape_null_isEmpty() {
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void escape_plainText_isUnchanged() {
    assertThat(Html.escape("agent-1 über 10.0.0.1:8083")).isEqualTo("agent-1 über 10.0.0.1:8083");
  }
}
