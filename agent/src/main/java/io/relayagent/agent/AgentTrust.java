package io.relayagent.agent;

import io.relayagent.config.TrustPolicy;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent's certificates, as its policy names them: relative paths are read from the policy
 * file's directory; a policy that names none uses {@code STATE/trust/ca.pem}, {@code agent.pem} and
 * {@code agent-key.pem}.
 */
final class AgentTrust {
  private AgentTrust() {}

  static TrustMaterial load(TrustPolicy policy, Path policyDirectory, Path stateDirectory)
      throws TrustFileException {
    return TrustMaterial.load(files(policy, policyDirectory, stateDirectory));
  }

  static TrustFiles files(TrustPolicy policy, Path policyDirectory, Path stateDirectory) {
    if (policy.caCertificateFiles().isEmpty()) {
      Path trust = stateDirectory.resolve("trust");
      return TrustFiles.trusting(trust.resolve("ca.pem"))
          .withIdentity(trust.resolve("agent.pem"), trust.resolve("agent-key.pem"));
    }
    List<Path> cas = policy.caCertificateFiles().stream().map(policyDirectory::resolve).toList();
    return new TrustFiles(
        cas,
        policy.certificateChainFile().map(policyDirectory::resolve).orElse(null),
        policy.privateKeyFile().map(policyDirectory::resolve).orElse(null),
        policy.privateKeyPasswordFile().map(policyDirectory::resolve).orElse(null),
        policy.crlFile().map(policyDirectory::resolve).orElse(null));
  }
}
