package io.relayagent.agent;

import io.netty.handler.codec.http.HttpMethod;
import io.relayagent.agent.connect.ManagementSite;
import io.relayagent.agent.connect.ServerConnector;
import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.mesh.client.Route;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.Version;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    ServerConnector.Connection connection =
        context
            .connector()
            .connect(ManagementSite.of(context.siteLists()), context.policy().proxy(), progress);
    progress.accept(
        "connected to "
            + connection.site().endpoint()
            + " ("
            + connection.route().describe()
            + ")");
    try {
      boolean policyChanged = fetchPolicy(connection.session());
      progress.accept(
          "policy fetched" + (policyChanged ? " (new version applied)" : " (unchanged)"));
      fetchSiteList(connection.session());
      sendStatus(connection);
      int sent = context.events().sendAll(connection.session());
      progress.accept(sent + " event(s) delivered");
      progress.accept(context.content().update(connection, progress));
    } finally {
      connection.close();
    }
    return connection;
  }

  private boolean fetchPolicy(HttpSession session) throws IOException, InterruptedException {
    byte[] body = get(session, ServerPaths.POLICY);
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

  private void fetchSiteList(HttpSession session) throws IOException, InterruptedException {
    byte[] body = get(session, ServerPaths.SITELIST);
    try {
      SiteListReader.parse("SiteList from the server", body);
    } catch (XmlFileException e) {
      throw new IOException(
          "the server sent an invalid SiteList; keeping the current one:\n" + e.getMessage());
    }
    if (replaceIfDifferent(context.siteListFile(), body)) {
      context.reloadSiteList();
    }
  }

  private void sendStatus(ServerConnector.Connection connection)
      throws IOException, InterruptedException {
    Policy policy = context.policy();
    Route.ViaRelay relay = connection.route() instanceof Route.ViaRelay viaRelay ? viaRelay : null;
    String policyVersion = context.policyVersion();
    StatusReport status =
        new StatusReport(
            context.agentId(),
            context.agentVersion(),
            policyVersion == null ? null : Version.of(policyVersion),
            Version.of(context.content().installedVersion()),
            relay == null ? StatusReport.Mode.DIRECT : StatusReport.Mode.RELAY,
            relay == null ? null : relay.relayId(),
            policy.relayServer().enabled(),
            context.clock().instant().toString(),
            null,
            null);
    HttpSession.Response response =
        await(
            connection
                .session()
                .send(
                    HttpMethod.POST,
                    ServerPaths.STATUS,
                    Map.of("content-type", "application/json"),
                    ProtocolJson.write(status)));
    if (response.status() / 100 != 2) {
      throw new IOException("status report refused: " + response.status());
    }
  }

  static byte[] get(HttpSession session, String path) throws IOException, InterruptedException {
    HttpSession.Response response = await(session.send(HttpMethod.GET, path, Map.of(), null));
    if (response.status() != 200) {
      throw new IOException("GET " + path + ": " + response.status());
    }
    return response.body();
  }

  static HttpSession.Response await(
      java.util.concurrent.CompletableFuture<HttpSession.Response> pending)
      throws IOException, InterruptedException {
    try {
      return pending.get(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("no answer from the server", e);
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
