package io.relayagent.mesh.discovery;

/** A decoded discovery packet: a request from an agent or an offer from a relay. */
public sealed interface DiscoveryMessage permits DiscoveryRequest, RelayOffer {}
