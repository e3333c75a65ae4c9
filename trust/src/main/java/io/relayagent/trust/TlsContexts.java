package io.relayagent.trust;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * THE place where the project's TLS contexts are built, for every server and client: TLS 1.3 and
 * 1.2 only, ECDHE key exchange with AEAD ciphers only, peers verified by {@link ChainVerifier}.
 * BoringSSL (netty-tcnative) is used when it loads, as it is about twice as fast as the JDK's
 * engine; the JDK engine otherwise.
 *
 * <p>Build each context once and share it across connections: a context is expensive to build and
 * safe to share. A context built from a {@link LiveTrust} reads the host's identity, roots and CRLs
 * at each handshake, so it need not be rebuilt when they change (enrollment, renewal, a new CRL); a
 * context built from a fixed {@link TrustMaterial} holds its identity once.
 */
public final class TlsContexts {
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** TLS 1.3's AEAD suites, then TLS 1.2 suites with forward secrecy and AEAD only. */
  public static final List<String> CIPHERS =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private static final String HTTPS = "HTTPS";

  private TlsContexts() {}

  /** OpenSSL (BoringSSL) if netty-tcnative loads on this platform, else the JDK. */
  public static SslProvider provider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /**
   * Finds the provider on a thread of its own, at once, so that the first context built finds it
   * ready. Loading netty-tcnative (its native library, BoringSSL's set-up and the probes of what it
   * supports, with Netty's platform checks) takes 0.25-0.3 s of a cold JVM, about a sixth of an
   * agent's start to its first ASCI; an agent starts this first and reads its policy, SiteList and
   * keys on the other core meanwhile (bench/README.md, "Idle footprint"). A head start only: the
   * JVM initialises each class once, so a caller that needs the provider sooner waits for it.
   */
  public static void findProviderInBackground() {
    Thread finder = new Thread(TlsContexts::provider, "tls-provider");
    finder.setDaemon(true);
    finder.start();
  }

  /**
   * A server context presenting the material's identity.
   *
   * @param expectedClientRole the role every client must prove with its certificate (mutual TLS),
   *     or {@code null} to ask clients for no certificate
   */
  public static SslContext forServer(TrustSource material, Role expectedClientRole)
      throws SSLException {
    return forServer(material, expectedClientRole, Clock.systemUTC(), provider());
  }

  /**
   * A client context that presents the material's identity, if it has one, and accepts only servers
   * proving {@code expectedServerRole}. For {@link Role#SERVER} every handler made from the context
   * also checks the server's host name; to check a relay's name too (a static relay reached by
   * name), make the handler with {@link #newClientHandler}. Relays found by discovery are reached
   * by address and proven by role and by their signed offer instead.
   */
  public static SslContext forClient(TrustSource material, Role expectedServerRole)
      throws SSLException {
    return forClient(material, expectedServerRole, Clock.systemUTC(), provider());
  }

  /**
   * A handler for a connection to {@code host}: sends it as SNI and refuses a certificate that does
   * not name it.
   */
  public static SslHandler newClientHandler(
      SslContext context, ByteBufAllocator allocator, String host, int port) {
    SslHandler handler = context.newHandler(allocator, host, port);
    SSLEngine engine = handler.engine();
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm(HTTPS);
    engine.setSSLParameters(parameters);
    return handler;
  }

  /**
   * The same trust for clients built on the JDK's TLS stack, such as {@code
   * java.net.http.HttpClient}; the parameters ask for the server's host name to be checked.
   */
  public static JdkClientTls forJdkClient(TrustSource material, Role expectedServerRole) {
    return JdkClientTls.of(material, expectedServerRole, Clock.systemUTC());
  }

  static SslContext forServer(
      TrustSource material, Role expectedClientRole, Clock clock, SslProvider provider)
      throws SSLException {
    if (material instanceof LiveTrust live) {
      return new RebuildingContext(
          live, () -> buildServer(live, expectedClientRole, clock, provider));
    }
    return buildServer(material, expectedClientRole, clock, provider);
  }

  private static SslContext buildServer(
      TrustSource material, Role expectedClientRole, Clock clock, SslProvider provider)
      throws SSLException {
    Credential identity =
        material
            .current()
            .identity()
            .orElseThrow(() -> new IllegalArgumentException("a TLS server needs a certificate"));
    SslContextBuilder builder =
        material instanceof TrustMaterial
            ? SslContextBuilder.forServer(identity.privateKey(), identity.presentedChain())
            : SslContextBuilder.forServer(new LiveKeyManager(material));
    builder.clientAuth(expectedClientRole == null ? ClientAuth.NONE : ClientAuth.REQUIRE);
    if (expectedClientRole == null) {
      return configure(builder, provider).build();
    }
    ChainVerifier verifier = new ChainVerifier(material, clock);
    builder.trustManager(new VerifyingTrustManager(verifier, expectedClientRole, material));
    return new RecheckingServerContext(
        configure(builder, provider).build(), verifier, expectedClientRole);
  }

  static SslContext forClient(
      TrustSource material, Role expectedServerRole, Clock clock, SslProvider provider)
      throws SSLException {
    if (material instanceof LiveTrust live) {
      return new RebuildingContext(
          live, () -> buildClient(live, expectedServerRole, clock, provider));
    }
    return buildClient(material, expectedServerRole, clock, provider);
  }

  private static SslContext buildClient(
      TrustSource material, Role expectedServerRole, Clock clock, SslProvider provider)
      throws SSLException {
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .trustManager(
                new VerifyingTrustManager(
                    new ChainVerifier(material, clock), expectedServerRole, material))
            .endpointIdentificationAlgorithm(expectedServerRole == Role.SERVER ? HTTPS : null);
    if (material instanceof TrustMaterial fixed) {
      fixed
          .identity()
          .ifPresent(
              identity -> builder.keyManager(identity.privateKey(), identity.presentedChain()));
    } else {
      builder.keyManager(new LiveKeyManager(material));
    }
    return configure(builder, provider).build();
  }

  private static SslContextBuilder configure(SslContextBuilder builder, SslProvider provider) {
    return builder
        .sslProvider(provider)
        .protocols(PROTOCOLS)
        .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
  }
}
