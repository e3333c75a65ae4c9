package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals in and out of text, never through DNS. */
class IpLiteralsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ff02:0:0:0:0:0:52:4c41, ff02::52:4c41",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "1:0:0:0:0:0:0:0, 1::",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "FD00:00AB:0:0:0:0:0:0, fd00:ab::",
    "10.0.0.1, 10.0.0.1"
  })
  void format_isTheRfc5952ShortForm(String address, String expected) throws Exception {
    assertThat(IpLiterals.format(InetAddress.getByName(address))).isEqualTo(expected);
  }

  /** Found on a namespace LAN: relays' link-local addresses were shown without their link. */
  @Test
  void format_linkLocalWithAZone_keepsTheZone() throws Exception {
    byte[] linkLocal = InetAddress.getByName("fe80:0:0:0:c5c:7bff:fe5c:85bc").getAddress();

    assertThat(IpLiterals.format(Inet6Address.getByAddress(null, linkLocal, 3)))
        .isEqualTo("fe80::c5c:7bff:fe5c:85bc%3");
    assertThat(
            IpLiterals.format(
                new InetSocketAddress(Inet6Address.getByAddress(null, linkLocal, 3), 8083)))
        .isEqualTo("[fe80::c5c:7bff:fe5c:85bc%3]:8083");
  }

  @ParameterizedTest(name = "{0} port {1} -> {2}")
  @CsvSource({
    "fd77:0:0:0:0:0:0:1, 443, [fd77::1]:443",
    "::ffff:10.0.0.5, 8443, 10.0.0.5:8443",
    "10.0.0.7, 80, 10.0.0.7:80"
  })
  void format_socketAddress_isShortFormWithBracketsAndPort(String address, int port, String text)
      throws Exception {
    assertThat(IpLiterals.format(new InetSocketAddress(InetAddress.getByName(address), port)))
        .isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"localhost", "example.com", "010.0.0.1", "1.2.3", "256.0.0.1", "fe80::1%eth0", ""})
  void parse_refusesWhatIsNotPlainlyAnAddress(String text) {
    assertThatThrownBy(() -> IpLiterals.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255", "192.168.1.10"})
  void isIpv4_fourNumbersWithoutLeadingZeros(String text) {
    assertThat(IpLiterals.isIpv4(text)).isTrue();
    assertThat(IpLiterals.looksLikeLiteral(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"010.0.0.1", "1.2.3", "256.0.0.1", "1.2.3.4.5", "1..2.3"})
  void isIpv4_looksLikeOneButIsNot(String text) {
    assertThat(IpLiterals.isIpv4(text)).isFalse();
    assertThat(IpLiterals.looksLikeIpv4(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "10.0.0.1.example", "a1"})
  void looksLikeLiteral_hostNames_areNot(String text) {
    assertThat(IpLiterals.looksLikeLiteral(text)).isFalse();
  }
}
