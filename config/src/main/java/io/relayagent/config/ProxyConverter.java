package io.relayagent.config;

import static io.relayagent.config.PolicyConverter.orDefault;

import io.relayagent.sitelist.HostPort;
import java.util.Optional;

/** The {@code proxy} part of {@link PolicyConverter}. */
final class ProxyConverter {
  private final PolicyConverter policy;

  ProxyConverter(PolicyConverter policy) {
    this.policy = policy;
  }

  ProxyPolicy proxy(ProxyXml xml) {
    ProxyPolicy d = ProxyPolicy.defaults();
    if (xml == null) {
      return d;
    }
    ProxyMode mode = xml.mode == null ? d.mode() : ProxyMode.fromXmlName(xml.mode.strip());
    Optional<HostPort> server = server(xml, mode);
    if (mode == ProxyMode.MANUAL && server.isEmpty()) {
      // A problem is recorded, so this policy is never returned; it only has to be constructible.
      mode = ProxyMode.NONE;
    }
    return new ProxyPolicy(
        mode,
        server,
        credentials(xml.credentials),
        policy.each(
            xml.bypass, bypass -> bypass.destination, "bypass: destination", ProxyBypass::parse),
        orDefault(xml.allowUserOverride, d.userOverrideAllowed()));
  }

  private Optional<HostPort> server(ProxyXml xml, ProxyMode mode) {
    try {
      return ProxyPolicy.server(mode, xml.host, xml.port);
    } catch (IllegalArgumentException e) {
      policy.problem(xml, "proxy: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<ProxyCredentials> credentials(ProxyXml.Credentials xml) {
    if (xml == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ProxyCredentials(xml.user.strip(), PolicyConverter.toPath(xml.passwordFile.strip())));
    } catch (IllegalArgumentException e) {
      policy.problem(xml, "proxy: credentials " + e.getMessage());
      return Optional.empty();
    }
  }
}
