package io.relayagent.mesh.content;

import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.Credential;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** An organisation CA made in memory, with certificates for 127.0.0.1 in each role. */
final class ContentPki {

  private final CertificateAuthority ca =
      CertificateAuthority.createRoot(
          "CN=Content tests CA,O=Relay Agent tests",
          KeyAlgorithm.P256,
          Duration.ofDays(30),
          Clock.systemUTC());

  /** What the relay holds: its own relay certificate and the CA. */
  TrustMaterial relay() {
    return material(issue(Role.RELAY, "relay-1"));
  }

  /** What an agent trusts, to check the relay. */
  JdkClientTls agentTls() {
    TrustMaterial agent = TrustMaterial.of(List.of(ca.certificate()), null, List.of(), null);
    return TlsContexts.forJdkClient(agent, Role.RELAY);
  }

  /** The server context of an upstream that proves {@code role} (SERVER for a real one). */
  SSLContext upstreamContext(Role role) {
    Credential credential = issue(role, "upstream");
    try {
      char[] password = "test".toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "upstream",
          credential.privateKey(),
          password,
          credential.chain().toArray(new X509Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Credential issue(Role role, String name) {
    return ca.issue(IssueRequest.of(role, name).withIpAddresses(List.of("127.0.0.1")));
  }

  private TrustMaterial material(Credential credential) {
    return TrustMaterial.of(List.of(ca.certificate()), credential, List.of(), null);
  }
}
