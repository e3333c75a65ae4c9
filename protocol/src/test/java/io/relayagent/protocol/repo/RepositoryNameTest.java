package io.relayagent.protocol.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "engine-1.dat", "Current/avvdat-10000.zip", "a_b/c-d/e.f.g", "x-"})
  void check_validNames(String name) {
    assertThat(RepositoryName.check(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "../etc/passwd",
        "a/../b",
        "a//b",
        "/a",
        "a/",
        ".hidden",
        "a/.git/config",
        "trailing.",
        "back\\slash",
        "sp ace",
        "per%2e",
        "col:on",
        "ünïcode"
      })
  void check_refusedNames(String name) {
    assertThatThrownBy(() -> RepositoryName.check(name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {513, 1000})
  void check_tooLong(int length) {
    assertThatThrownBy(() -> RepositoryName.check("a".repeat(length)))
        .hasMessageContaining("1 to 512 characters");
  }
}
