/**
 * The organisation CA and everything built on it: certificates for each {@link
 * io.relayagent.trust.Role}, the CA directory ({@link io.relayagent.trust.CaDirectory} with {@link
 * io.relayagent.trust.Issuance}, {@link io.relayagent.trust.Rollover} and {@link
 * io.relayagent.trust.Revocation}), a host's {@link io.relayagent.trust.TrustMaterial}, the one
 * {@link io.relayagent.trust.ChainVerifier} every peer is checked with, the one place TLS contexts
 * are built ({@link io.relayagent.trust.TlsContexts}) and discovery offer signatures ({@link
 * io.relayagent.trust.OfferSigner}, {@link io.relayagent.trust.SignatureVerifier}).
 *
 * <p>A host maps its policy's trust section onto {@link io.relayagent.trust.TrustFiles}, loads
 * {@link io.relayagent.trust.TrustMaterial} once, and builds each TLS context from it once.
 */
package io.relayagent.trust;
