package io.relayagent.tests.hosts;

import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.Issuance;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;

/**
 * The files the shipped {@code relay-agent} reads, made as an administrator makes them: a CA
 * directory in the layout of {@code relay-agent cert} (docs/certificates.md), the reference
 * server's directory, and each host's state directory with its trust files, policy and SiteList.
 *
 * <pre>{@code
 * HostFiles files = HostFiles.newCa(dir.resolve("ca"), "CN=Test CA");
 * files.issue(IssueRequest.of(Role.RELAY, "relay1"));
 * Path state = files.host(dir.resolve("relay1"), "relay1", policyXml, siteListXml);
 * // relay-agent run --state-dir STATE --policy STATE/policy.xml --sitelist STATE/SiteList.xml
 * }</pre>
 */
public final class HostFiles {

  /** The certificate name {@link #server} expects: the server's certificate and key. */
  public static final String SERVER = "server";

  /** The policy file's name in a host's state directory. */
  public static final String POLICY = "policy.xml";

  /** The SiteList's name in a host's state directory. */
  public static final String SITE_LIST = "SiteList.xml";

  private final CaDirectory ca;

  private HostFiles(Path caDirectory) {
    this.ca = new CaDirectory(caDirectory, Clock.systemUTC());
  }

  /** Makes a new organisation CA (EC P-256, valid for two days) in {@code caDirectory}. */
  public static HostFiles newCa(Path caDirectory, String subject) throws TrustFileException {
    HostFiles files = new HostFiles(caDirectory);
    new Issuance(files.ca).initialize(subject, KeyAlgorithm.P256, Duration.ofDays(2), false);
    return files;
  }

  /**
   * A CA directory that exists already, such as one {@code relay-agent cert init-ca} made: for
   * {@link #server}.
   */
  public static HostFiles existingCa(Path caDirectory) {
    return new HostFiles(caDirectory);
  }

  /** Issues a certificate into the CA directory: {@code NAME.pem} and {@code NAME-key.pem}. */
  public HostFiles issue(IssueRequest request) throws TrustFileException {
    new Issuance(ca).issue(request, null, false);
    return this;
  }

  /**
   * The reference server's directory: the CA and the {@value #SERVER} certificate, the SiteList and
   * base policy it hands every agent, an empty repository and {@code policies/} for {@link
   * #assignPolicy}.
   *
   * @param siteListXml {@code null}: none yet (the server answers 404 for it until {@link
   *     #replaceSiteList} writes one), for servers whose ports are known only once they listen
   */
  public Path server(Path dir, String siteListXml, String basePolicyXml) throws IOException {
    Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(dir.resolve("policies"));
    copy(ca.caCertificate(), dir.resolve("ca.pem"));
    copy(ca.certificate(SERVER), dir.resolve("server.pem"));
    copy(ca.privateKey(SERVER), dir.resolve("server-key.pem"));
    if (siteListXml != null) {
      Files.writeString(dir.resolve(SITE_LIST), siteListXml, StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("policy.xml"), basePolicyXml, StandardCharsets.UTF_8);
    return dir;
  }

  /**
   * Replaces {@code dir}'s {@link #SITE_LIST} at once, as an editor saves it (a new file renamed
   * over the old): a running server or agent reads either the old list or the new one, never half.
   */
  public static void replaceSiteList(Path dir, String siteListXml) throws IOException {
    Path next = dir.resolve("." + SITE_LIST + ".new");
    Files.writeString(next, siteListXml, StandardCharsets.UTF_8);
    Files.move(
        next,
        dir.resolve(SITE_LIST),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Makes the server hand {@code agentId} its own policy rather than the base one, as an
   * administrator assigns policies to groups: otherwise a relay's first ASCI would replace its
   * relay policy with the base policy.
   */
  public static void assignPolicy(Path serverDir, String agentId, String policyXml)
      throws IOException {
    Files.writeString(
        serverDir.resolve("policies").resolve(agentId + ".xml"), policyXml, StandardCharsets.UTF_8);
  }

  /**
   * A host's state directory for {@code relay-agent run}: {@code trust/ca.pem}, {@code
   * trust/agent.pem} and {@code trust/agent-key.pem} from the certificate {@code name}, and the
   * host's {@link #POLICY} and {@link #SITE_LIST}.
   */
  public Path host(Path state, String name, String policyXml, String siteListXml)
      throws IOException {
    Path trust = Files.createDirectories(state.resolve("trust"));
    copy(ca.caCertificate(), trust.resolve("ca.pem"));
    copy(ca.certificate(name), trust.resolve("agent.pem"));
    copy(ca.privateKey(name), trust.resolve("agent-key.pem"));
    Files.writeString(state.resolve(POLICY), policyXml, StandardCharsets.UTF_8);
    Files.writeString(state.resolve(SITE_LIST), siteListXml, StandardCharsets.UTF_8);
    return state;
  }

  /** {@code run --state-dir STATE --policy STATE/policy.xml --sitelist STATE/SiteList.xml}. */
  public static String[] runArguments(Path state) {
    return new String[] {
      "run",
      "--state-dir",
      state.toString(),
      "--policy",
      state.resolve(POLICY).toString(),
      "--sitelist",
      state.resolve(SITE_LIST).toString()
    };
  }

  /**
   * {@code server --dir DIR --bind ADDRESS --port PORT}: the reference server of {@link #server}.
   */
  public static String[] serverArguments(Path dir, String bindAddress, int port) {
    return new String[] {
      "server", "--dir", dir.toString(), "--bind", bindAddress, "--port", Integer.toString(port)
    };
  }

  private static void copy(Path from, Path to) throws IOException {
    // Attributes too: a private key stays owner-only.
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
  }
}
