package io.relayagent.mesh.tunnel;

import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tunnel tests' hosts, issued by the one {@link LoopbackPki} in a directory of their own before
 * a test class runs and deleted after it: the relay {@link RelayFixture#RELAY}, the agent {@link
 * RelayFixture#AGENT} and the management server {@link RelayFixture#SERVER_NAME} (which also
 * answers to localhost and 127.0.0.1).
 *
 * <pre>{@code
 * @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();
 * RelayFixture relay = RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, site);
 * }</pre>
 */
final class TunnelHosts implements BeforeAllCallback, AfterAllCallback {
  private Path dir;
  private LoopbackPki pki;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("tunnel-hosts");
    pki =
        LoopbackPki.create(dir.resolve("ca"), "CN=Tunnel tests CA,O=Relay Agent tunnel tests")
            .issue(Role.RELAY, RelayFixture.RELAY)
            .issue(Role.AGENT, RelayFixture.AGENT)
            .issue(
                IssueRequest.of(Role.SERVER, RelayFixture.SERVER_NAME)
                    .withDnsNames(List.of(RelayFixture.SERVER_NAME, LoopbackPki.HOST))
                    .withIpAddresses(List.of(LoopbackPki.ADDRESS)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    pki = null;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  LoopbackPki pki() {
    return pki;
  }
}
