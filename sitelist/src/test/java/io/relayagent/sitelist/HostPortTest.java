package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

  @ParameterizedTest
  @CsvSource({
    "epo.example.com:443, epo.example.com, 443",
    "EPO.Example.COM:443, epo.example.com, 443",
    "epo.example.com.:443, epo.example.com, 443",
    "EPOSRV, eposrv, 0",
    "10.0.0.5:8443, 10.0.0.5, 8443",
    "'[::1]:443', ::1, 443",
    "'[0:0::1]:443', ::1, 443",
    "'[FE80::A]', fe80::a, 0",
    "'[::ffff:10.0.0.5]:443', 10.0.0.5, 443",
    "host_with_underscore:80, host_with_underscore, 80"
  })
  void parse_acceptedForms_areCanonical(String text, String host, int port) {
    assertThat(HostPort.parse(text, 0)).isEqualTo(new HostPort(host, port));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":443",
        "user@epo.example.com:443",
        "user:pass@epo:443",
        "epo.example.com:0",
        "epo.example.com:65536",
        "epo.example.com:+443",
        "epo.example.com:44 3",
        "epo.example.com:",
        "epo..example.com",
        "-epo.example.com",
        "epo example.com",
        "epo.example.com/path",
        "epo%2eexample.com",
        "010.0.0.5",
        "10.0.0.256",
        "10.0.5",
        "fe80::1",
        "[fe80::1%eth0]:443",
        "[fe80::1",
        "[fe80::1]443",
        "[epo.example.com]:443",
        "epo.example.com..",
      })
  void parse_oddForms_areRefused(String text) {
    assertThatThrownBy(() -> HostPort.parse(text, 443))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'");
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.5, true", "epo.example.com, false", "'[::1]', true"})
  void isIpLiteral_tellsNamesFromAddresses(String text, boolean literal) {
    assertThat(HostPort.parse(text, 1).isIpLiteral()).isEqualTo(literal);
  }

  @ParameterizedTest
  @CsvSource({"'[0:0:0:0:0:0:0:1]:443', '[::1]:443'", "Epo.example.com.:80, epo.example.com:80"})
  void toString_bracketsIpv6(String text, String printed) {
    assertThat(HostPort.parse(text, 0)).hasToString(printed);
  }
}
