package io.relayagent.mesh.tunnel;

/**
 * The upstream end of a tunnel: a plain TCP connection to the site (or to the HTTP proxy that
 * reached it, which has stepped aside by now). The agent's TLS to the site runs inside, so the
 * relay sees only ciphertext here.
 */
final class TunnelBackendHandler extends TunnelSideHandler {

  TunnelBackendHandler(Tunnel tunnel) {
    super(tunnel);
  }

  @Override
  String side() {
    return "upstream";
  }
}
