package io.relayagent.bench.soak;

import io.relayagent.bench.common.BenchHttp;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * The server's signed catalog as an agent behind a relay gets it: through a relay's tunnel (here
 * its plain listener, which {@code HttpClient} can use as a proxy), TLS end to end with the server,
 * the signature checked against the server's certificate chain from that TLS session, which must be
 * the organisation CA's server. A catalog whose version went back is refused, as agents refuse it.
 */
final class SignedCatalog {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final TrustMaterial material;
  private final ContentSignatures.Verifier verifier;
  private final String server;
  private final int plainPort;
  private long version;

  /**
   * @param server the management server, {@code host:port} as the SiteList names it
   * @param plainPort the relays' plain listener
   */
  SignedCatalog(TrustMaterial material, String server, int plainPort) {
    this.material = material;
    this.verifier = ContentSignatures.verifier(new ChainVerifier(material, Clock.systemUTC()));
    this.server = server;
    this.plainPort = plainPort;
  }

  /**
   * Fetches and verifies the catalog through {@code relay}.
   *
   * @throws IOException if it cannot be fetched, its signature or chain fails, or it went back
   */
  synchronized Catalog fetch(RelayTarget relay) throws IOException, InterruptedException {
    JdkClientTls tls = TlsContexts.forJdkClient(material, Role.SERVER);
    HttpClient client =
        BenchHttp.client(tls, TIMEOUT)
            .proxy(ProxySelector.of(new InetSocketAddress(relay.address(), plainPort)))
            .build();
    HttpResponse<byte[]> catalog = get(client, ServerPaths.CATALOG);
    HttpResponse<byte[]> signature = get(client, ServerPaths.CATALOG_SIGNATURE);
    byte[] bytes = catalog.body();
    try {
      verifier.verify(
          bytes,
          Base64.getMimeDecoder()
              .decode(new String(signature.body(), StandardCharsets.US_ASCII).trim()),
          chain(catalog.sslSession().orElseThrow(() -> new IOException("no TLS session"))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // Also when the catalog changed between the two requests: the caller tries again.
      throw new IOException("the catalog's signature does not verify: " + e.getMessage(), e);
    }
    Catalog parsed;
    try {
      parsed = ProtocolJson.read(bytes, Catalog.MAX_BYTES, Catalog.class);
    } catch (MalformedJsonException e) {
      throw new IOException("the catalog is not valid: " + e.getMessage(), e);
    }
    if (parsed.version() < version) {
      throw new IOException("the catalog went back from " + version + " to " + parsed.version());
    }
    version = parsed.version();
    return parsed;
  }

  private HttpResponse<byte[]> get(HttpClient client, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://" + server + path)).timeout(TIMEOUT).build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode());
    }
    return response;
  }

  private static List<X509Certificate> chain(SSLSession session) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : session.getPeerCertificates()) {
      chain.add((X509Certificate) certificate);
    }
    return chain;
  }
}
