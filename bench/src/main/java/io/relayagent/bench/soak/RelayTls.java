package io.relayagent.bench.soak;

import io.relayagent.bench.common.BenchTrust;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;

/**
 * A load host's mutual TLS to relays, as an agent holds it: its certificate of the organisation CA,
 * the relay's certificate checked for the relay role and for the address dialled (the soak's relays
 * name their addresses).
 */
final class RelayTls {
  private final JdkClientTls tls;

  RelayTls(Path caDir, String name) throws TrustFileException {
    this.tls = TlsContexts.forJdkClient(BenchTrust.material(caDir, name), Role.RELAY);
  }

  JdkClientTls jdk() {
    return tls;
  }

  /** A socket to {@code address:port} with the handshake done. */
  SSLSocket connect(String address, int port, int timeoutMillis) throws IOException {
    return connect(null, address, port, timeoutMillis);
  }

  /** The same from {@code source}, one of this host's addresses ({@code null}: any). */
  SSLSocket connect(InetAddress source, String address, int port, int timeoutMillis)
      throws IOException {
    SSLSocket socket = (SSLSocket) tls.context().getSocketFactory().createSocket();
    try {
      if (source != null) {
        socket.bind(new InetSocketAddress(source, 0));
      }
      socket.setSSLParameters(tls.parameters());
      socket.connect(new InetSocketAddress(address, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
