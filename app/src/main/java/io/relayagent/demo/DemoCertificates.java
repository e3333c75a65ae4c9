package io.relayagent.demo;

import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.Issuance;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A CA directory for hosts on loopback: a root CA, a server certificate for {@code localhost} and
 * {@code 127.0.0.1}, and a certificate for each host: a relay's (names starting with {@code relay},
 * with the same names) or an agent's. Used by the demo and by the agent's tests.
 */
public final class DemoCertificates {
  private static final List<String> DNS = List.of("localhost");
  private static final List<String> IPS = List.of("127.0.0.1");

  private DemoCertificates() {}

  /** Creates {@code caDirectory} with the CA named {@code caSubject} and every certificate. */
  public static void create(Path caDirectory, String caSubject, List<String> hosts)
      throws IOException, TrustFileException {
    Files.createDirectories(caDirectory);
    Issuance issuance = new Issuance(new CaDirectory(caDirectory, Clock.systemUTC()));
    issuance.initialize(caSubject, KeyAlgorithm.P256, Duration.ofDays(2), false);
    issuance.issue(
        IssueRequest.of(Role.SERVER, "server").withDnsNames(DNS).withIpAddresses(IPS), null, false);
    for (String host : hosts) {
      IssueRequest request =
          host.startsWith("relay")
              ? IssueRequest.of(Role.RELAY, host).withDnsNames(DNS).withIpAddresses(IPS)
              : IssueRequest.of(Role.AGENT, host);
      issuance.issue(request, null, false);
    }
  }
}
