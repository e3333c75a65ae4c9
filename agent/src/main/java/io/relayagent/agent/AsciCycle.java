package io.relayagent.agent;

import io.relayagent.agent.connect.Exchanges;
import io.relayagent.agent.connect.ServerConnector;
import io.relayagent.agent.identity.CertificateStatus;
import io.relayagent.agent.proxy.EffectiveProxy;
import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.mesh.client.ManagementSite;
import io.relayagent.mesh.client.RelayFailure;
import io.relayagent.mesh.client.Route;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.Version;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One agent-to-server communication: reach the server (the connectivity ladder), fetch the policy
 * and the SiteList, send a status report, send queued events, and check for content. Each step that
 * fails is reported and the next still runs where it can.
 */
final class AsciCycle {

  private final AgentContext context;

  AsciCycle(AgentContext context) {
    this.context = context;
  }

  /** Runs the cycle; returns the route used. */
  ServerConnector.Connection run(Consumer<String> progress)
      throws IOException, InterruptedException {
    if (!context.certificate().enrolled()) {
      enroll(progress);
    }
    EffectiveProxy proxy = context.proxy();
    ServerConnector.Connection connection =
        context
            .connector()
            .connect(ManagementSite.of(context.siteLists()), proxy.proxy(), progress);
    progress.accept(
        "connected to "
            + connection.site().endpoint()
            + " ("
            + connection.route().describe()
            + fromLocalSetting(proxy, connection.route())
            + ")");
    try {
      boolean policyChanged = fetchPolicy(connection.session());
      progress.accept(
          policyChanged
              ? "policy fetched: " + replacedNote(context.policyFile())
              : "policy fetched (unchanged)");
      if (fetchSiteList(connection.session())) {
        progress.accept("SiteList fetched: " + replacedNote(context.siteListFile()));
      }
      keepCertificate(connection, progress);
      sendStatus(connection);
      int sent = context.events().sendAll(connection.session());
      progress.accept(sent + " event(s) delivered");
      progress.accept(context.content().update(connection, progress));
    } catch (IOException e) {
      blameRelay(connection, e);
      throw e;
    } finally {
      connection.close();
    }
    return connection;
  }

  /**
   * A tunnel that broke during the ASCI (dropped, stalled, TLS failed) is the relay's failure,
   * recorded for {@code relay-agent relays}; an answer the server gave (a refusal, a bad document)
   * is not.
   */
  private void blameRelay(ServerConnector.Connection connection, IOException failure) {
    if (connection.route() instanceof Route.ViaRelay relay) {
      RelayFailure described = RelayFailure.of(failure, context.clock().instant());
      if (described.kind() == RelayFailure.Kind.DROPPED
          || described.kind() == RelayFailure.Kind.TIMED_OUT
          || described.kind() == RelayFailure.Kind.TLS) {
        context.relayFailures().record(relay, null, described);
      }
    }
  }

  /** Enrolls by the first route that reaches a server or a relay that forwards enrollment. */
  private void enroll(Consumer<String> progress) throws IOException, InterruptedException {
    progress.accept("no certificate yet: enrolling as " + context.certificate().name());
    EffectiveProxy proxy = context.proxy();
    try (ServerConnector.Connection connection =
        context
            .connector()
            .connectForEnrollment(
                ManagementSite.of(context.siteLists()), proxy.proxy(), progress)) {
      context.certificate().enroll(connection.session(), context.agentVersion());
      progress.accept(
          "enrolled ("
              + connection.route().describe()
              + fromLocalSetting(proxy, connection.route())
              + ")");
    }
  }

  /**
   * Names the local proxy setting when it chose the route (a direct route or a proxy, not a relay):
   * an administrator reading the log must see that this host does not follow its policy's proxy.
   */
  private static String fromLocalSetting(EffectiveProxy proxy, Route route) {
    return proxy.source() == EffectiveProxy.Source.LOCAL && !(route instanceof Route.ViaRelay)
        ? ", by the local proxy setting"
        : "";
  }

  /**
   * The trust bundle and CRLs first (a rollover's new root must be trusted before a certificate
   * from it is), then a renewal if one is due. Either failing leaves the current certificate in
   * force and the rest of the ASCI goes on; the next ASCI tries again.
   */
  private void keepCertificate(ServerConnector.Connection connection, Consumer<String> progress)
      throws InterruptedException {
    try {
      context.certificate().updateTrust(connection.session(), progress);
    } catch (IOException e) {
      progress.accept("trust bundle not updated: " + e.getMessage());
    }
    try {
      context.certificate().renew(connection.session(), progress);
    } catch (IOException e) {
      progress.accept("certificate not renewed: " + e.getMessage());
    }
  }

  private boolean fetchPolicy(HttpSession session) throws IOException, InterruptedException {
    byte[] body = Exchanges.get(session, ServerPaths.POLICY);
    try {
      PolicyReader.parse("policy from the server", body);
    } catch (XmlFileException e) {
      throw new IOException(
          "the server sent an invalid policy; keeping the current one:\n" + e.getMessage());
    }
    boolean changed = replaceIfDifferent(context.policyFile(), body);
    if (changed) {
      context.reloadPolicy();
    }
    return changed;
  }

  /**
   * Says that the server's copy was written over the local file: a local edit lasts only until the
   * next ASCI, which surprises administrators who edit a host's file (docs/policy.md).
   */
  private static String replacedNote(Path file) {
    return "the server's copy replaced "
        + file
        + " and is in force (a local edit lasts until the next ASCI; change it on the server,"
        + " for one host in the server's policies/<agent-id>.xml)";
  }

  private boolean fetchSiteList(HttpSession session) throws IOException, InterruptedException {
    byte[] body = Exchanges.get(session, ServerPaths.SITELIST);
    try {
      SiteListReader.parse("SiteList from the server", body);
    } catch (XmlFileException e) {
      throw new IOException(
          "the server sent an invalid SiteList; keeping the current one:\n" + e.getMessage());
    }
    boolean changed = replaceIfDifferent(context.siteListFile(), body);
    if (changed) {
      context.reloadSiteList();
    }
    return changed;
  }

  private void sendStatus(ServerConnector.Connection connection)
      throws IOException, InterruptedException {
    Policy policy = context.policy();
    Route.ViaRelay relay = connection.route() instanceof Route.ViaRelay viaRelay ? viaRelay : null;
    String policyVersion = context.policyVersion();
    CertificateStatus certificate = context.certificate().status();
    Instant stoppedLocally = context.relayCapability().stoppedLocallyAt();
    StatusReport status =
        new StatusReport(
            context.agentId(),
            context.agentVersion(),
            policyVersion == null ? null : Version.of(policyVersion),
            Version.of(context.content().installedVersion()),
            relay == null ? StatusReport.Mode.DIRECT : StatusReport.Mode.RELAY,
            relay == null ? null : connection.relayName(),
            policy.relayServer().enabled(),
            context.clock().instant().toString(),
            certificate.expires() == null ? null : certificate.expires().toString(),
            certificate.root(),
            stoppedLocally == null ? null : stoppedLocally.toString(),
            context.relayStatistics().orElse(null));
    HttpSession.Response response =
        Exchanges.postJson(connection.session(), ServerPaths.STATUS, status);
    if (response.status() / 100 != 2) {
      throw new IOException("status report refused: " + response.status());
    }
  }

  /** Atomically replaces {@code file} with {@code content} unless it already holds exactly that. */
  static boolean replaceIfDifferent(Path file, byte[] content) throws IOException {
    if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
      return false;
    }
    AtomicFile.replace(file, content, FileAccess.PRIVATE);
    return true;
  }
}
