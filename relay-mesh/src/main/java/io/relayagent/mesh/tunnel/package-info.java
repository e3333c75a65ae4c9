/**
 * The relay's tunnel listener: a standard HTTP {@code CONNECT} proxy, over mutual TLS (and, where
 * the policy opens it, plain HTTP from named networks), that forwards only to the sites of the
 * relay's SiteList. The wire behaviour is documented in {@code docs/tunnel-protocol.md}.
 *
 * <p>Start with {@link io.relayagent.mesh.tunnel.TunnelServer} and {@link
 * io.relayagent.mesh.tunnel.TunnelSettings}. Inside, a connection's pipeline is built by {@code
 * TunnelChannelInitializer}; {@code HeadGuardHandler} (with {@code HeadScanner}) frames and checks
 * the first request head; {@code RequestRouterHandler} routes it ({@code ConnectRequestCheck}
 * decides CONNECTs, {@code UpstreamConnector} and {@code UpstreamRoutes} reach the site); {@code
 * Tunnel} with {@code TunnelFrontendHandler} and {@code TunnelBackendHandler} relays the bytes with
 * backpressure and half-close.
 */
package io.relayagent.mesh.tunnel;
