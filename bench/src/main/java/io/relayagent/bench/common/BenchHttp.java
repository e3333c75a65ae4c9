package io.relayagent.bench.common;

import io.relayagent.trust.JdkClientTls;
import java.net.http.HttpClient;
import java.time.Duration;

/** The benchmark hosts' {@code HttpClient}: HTTP/1.1 over the project's TLS profile. */
public final class BenchHttp {
  private BenchHttp() {}

  /** A builder to finish (a proxy, say) and build. */
  public static HttpClient.Builder client(JdkClientTls tls, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(tls.context())
        .sslParameters(tls.parameters())
        .connectTimeout(connectTimeout);
  }
}
