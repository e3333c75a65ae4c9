package io.relayagent.agent.identity;

import java.time.Instant;

/**
 * What {@code relay-agent status} shows of the host's certificate.
 *
 * @param state {@code enrolled}, {@code renewal due}, {@code not enrolled}, or what failed last
 * @param name the certificate's common name (the agent id), or the name it will enroll under
 * @param role {@code agent} or {@code relay}; {@code null} before enrollment
 * @param expires when the certificate expires; {@code null} before enrollment
 * @param renewAfter when the agent asks for a new one (two thirds of its life); {@code null} before
 *     enrollment
 * @param root the SHA-256 fingerprint of the root CA that issued it; {@code null} before enrollment
 */
public record CertificateStatus(
    String state, String name, String role, Instant expires, Instant renewAfter, String root) {}
