package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Linux install records each step before it runs it; a failed one is undone, a killed one is
 * cleaned up by uninstall, and uninstall undoes exactly what install did, in reverse order.
 */
class InstallerTest {

  private static final ServiceLayout LAYOUT = ServiceLayout.linux("/opt/relay-agent", "/opt/java");

  private final StringWriter out = new StringWriter();

  @TempDir Path root;

  private Installer installer(Commands commands) {
    return new Installer(root, commands, new PrintWriter(out, true), false);
  }

  private Path unit() {
    return root.resolve("etc/systemd/system/relay-agent.service");
  }

  private Path manifest() {
    return root.resolve("var/lib/relay-agent-service.manifest");
  }

  @Test
  void uninstall_reversesInstall() throws Exception {
    Files.createDirectories(root.resolve("etc/relay-agent")); // existed before: left alone
    RecordingCommands commands = new RecordingCommands();

    installer(commands).install(LAYOUT, true);

    assertThat(unit()).hasContent(SystemdUnit.render(LAYOUT));
    assertThat(commands.ran)
        .startsWith(
            "id -u relay-agent",
            "useradd --system --user-group --no-create-home --home-dir /var/lib/relay-agent"
                + " --shell /usr/sbin/nologin relay-agent",
            "install -d -m 0750 -o relay-agent -g relay-agent " + root + "/var/lib/relay-agent",
            "systemctl daemon-reload",
            "systemctl enable --now relay-agent.service",
            "iptables -I INPUT -p udp --dport 8082 -m comment --comment relay-agent -j ACCEPT")
        .hasSize(11);
    assertThat(Files.readString(manifest())).doesNotContain("pending");

    RecordingCommands undo = new RecordingCommands();
    installer(undo).uninstall();

    assertThat(undo.ran)
        .containsExactly(
            "ip6tables -D INPUT -p tcp --dport 8083 -m comment --comment relay-agent -j ACCEPT",
            "ip6tables -D INPUT -p udp --sport 8082 -m comment --comment relay-agent -j ACCEPT",
            "ip6tables -D INPUT -p udp --dport 8082 -m comment --comment relay-agent -j ACCEPT",
            "iptables -D INPUT -p tcp --dport 8083 -m comment --comment relay-agent -j ACCEPT",
            "iptables -D INPUT -p udp --sport 8082 -m comment --comment relay-agent -j ACCEPT",
            "iptables -D INPUT -p udp --dport 8082 -m comment --comment relay-agent -j ACCEPT",
            "systemctl disable --now relay-agent.service",
            "systemctl daemon-reload",
            "userdel relay-agent");
    assertThat(unit()).doesNotExist();
    assertThat(root.resolve("var/lib/relay-agent")).doesNotExist();
    assertThat(root.resolve("etc/relay-agent")).isDirectory();
    assertThat(manifest()).doesNotExist();
  }

  @Test
  void uninstall_twice_secondSaysNotInstalled() throws Exception {
    installer(new RecordingCommands()).install(LAYOUT, false);
    installer(new RecordingCommands()).uninstall();

    assertThatThrownBy(() -> installer(new RecordingCommands()).uninstall())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not installed");
  }

  @Test
  void install_daemonReloadFails_undoesEveryStepAndNamesIt() throws Exception {
    RecordingCommands commands =
        new RecordingCommands().failing("systemctl daemon-reload", 1); // no systemd running

    assertThatThrownBy(() -> installer(commands).install(LAYOUT, true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("install failed at step \"systemctl daemon-reload\"")
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("undone: [write /etc/systemd/system/relay-agent.service")
        .hasMessageContaining("create user relay-agent]")
        .hasMessageNotContaining("NOT undone");

    assertThat(commands.ran).contains("userdel relay-agent");
    assertThat(commands.ran).noneMatch(c -> c.startsWith("systemctl enable"));
    assertThat(commands.ran).noneMatch(c -> c.startsWith("iptables"));
    assertThat(unit()).doesNotExist();
    assertThat(root.resolve("etc/relay-agent")).doesNotExist();
    assertThat(root.resolve("var/lib/relay-agent")).doesNotExist();
    assertThat(manifest()).doesNotExist();
    assertThatThrownBy(() -> installer(new RecordingCommands()).uninstall())
        .hasMessageContaining("not installed");
  }

  @Test
  void install_undoFailsDuringRollBack_keepsItForUninstall() throws Exception {
    RecordingCommands commands =
        new RecordingCommands()
            .failing("systemctl enable", 1)
            .failing("userdel", 8); // user logged in, say

    assertThatThrownBy(() -> installer(commands).install(LAYOUT, false))
        .hasMessageContaining("install failed at step \"enable and start relay-agent.service\"")
        .hasMessageContaining("NOT undone: [create user relay-agent]");

    assertThat(Files.readString(manifest()))
        .contains("step\tdone\tcreate user relay-agent")
        .doesNotContain("daemon-reload");
    RecordingCommands later = new RecordingCommands();
    installer(later).uninstall();
    assertThat(later.ran).containsExactly("userdel relay-agent");
    assertThat(manifest()).doesNotExist();
  }

  @Test
  void uninstall_afterKilledInstall_removesWhatItLeft() throws Exception {
    RecordingCommands commands = new RecordingCommands().killedAt("systemctl enable");

    assertThatThrownBy(() -> installer(commands).install(LAYOUT, false))
        .isInstanceOf(RecordingCommands.Killed.class);
    assertThat(Files.readString(manifest()))
        .contains("step\tpending\tenable and start relay-agent.service");
    assertThat(unit()).exists();

    RecordingCommands undo = new RecordingCommands();
    installer(undo).uninstall();

    assertThat(undo.ran)
        .containsExactly(
            "systemctl disable --now relay-agent.service",
            "systemctl daemon-reload",
            "userdel relay-agent");
    assertThat(unit()).doesNotExist();
    assertThat(root.resolve("var/lib/relay-agent")).doesNotExist();
    assertThat(manifest()).doesNotExist();
  }

  @Test
  void uninstall_killedWhileMakingTheUser_userdelOfNoUserIsNoFailure() throws Exception {
    assertThatThrownBy(
            () -> installer(new RecordingCommands().killedAt("useradd")).install(LAYOUT, false))
        .isInstanceOf(RecordingCommands.Killed.class);

    // The user was never made: userdel exits 6 ("user does not exist").
    RecordingCommands undo = new RecordingCommands().failing("userdel", 6);
    installer(undo).uninstall();

    assertThat(undo.ran).containsExactly("userdel relay-agent");
    assertThat(out.toString()).contains("probably never happened");
    assertThat(manifest()).doesNotExist();
  }

  @Test
  void uninstall_doneStepUndoFails_keepsOnlyThatStep() throws Exception {
    installer(new RecordingCommands()).install(LAYOUT, false);

    assertThatThrownBy(() -> installer(new RecordingCommands().failing("userdel", 8)).uninstall())
        .hasMessageContaining("could not undo [create user relay-agent]");

    assertThat(unit()).doesNotExist();
    assertThat(Manifest.read(manifest()))
        .extracting(Manifest.Entry::step)
        .containsExactly("create user relay-agent");
    installer(new RecordingCommands()).uninstall();
    assertThat(manifest()).doesNotExist();
  }

  @Test
  void install_existingUserIsNotRecordedAndSecondInstallIsRefused() throws Exception {
    RecordingCommands commands = new RecordingCommands().userExists(true);
    installer(commands).install(LAYOUT, false);
    assertThat(commands.ran).noneMatch(c -> c.startsWith("useradd"));
    assertThat(Files.readString(manifest())).doesNotContain("userdel");
    assertThat(out.toString()).contains("nft add rule").contains("iptables -I INPUT");
    assertThatThrownBy(() -> installer(commands).install(LAYOUT, false))
        .hasMessageContaining("already installed");
  }

  @Test
  void install_dryRun_changesNothing() throws Exception {
    new Installer(
            root,
            command -> {
              throw new AssertionError("ran " + command);
            },
            new PrintWriter(out, true),
            true)
        .install(LAYOUT, true);
    assertThat(out.toString())
        .contains("\nsystemctl enable --now relay-agent.service\n")
        .contains("# == Removal")
        .contains("\nsystemctl disable --now relay-agent.service\n");
    try (var files = Files.list(root)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void install_firewall_usesThePortsOfThePolicy() throws Exception {
    Files.createDirectories(root.resolve("etc/relay-agent"));
    Files.writeString(
        root.resolve("etc/relay-agent/policy.xml"),
        """
        <policy xmlns="urn:relay-agent:policy:1">
          <relayServer enabled="true" tunnelPort="9443">
            <plainProxy enabled="true" port="3128">
              <allowedNetwork cidr="10.20.0.0/16"/>
            </plainProxy>
          </relayServer>
          <relayClient discoveryPort="9082"/>
        </policy>
        """);
    RecordingCommands commands = new RecordingCommands();

    installer(commands).install(LAYOUT, true);

    assertThat(out.toString()).contains("# ports from /etc/relay-agent/policy.xml");
    assertThat(commands.ran)
        .contains(
            "iptables -I INPUT -p udp --dport 9082 -m comment --comment relay-agent -j ACCEPT",
            "iptables -I INPUT -p udp --sport 9082 -m comment --comment relay-agent -j ACCEPT",
            "iptables -I INPUT -p tcp --dport 9443 -m comment --comment relay-agent -j ACCEPT",
            "ip6tables -I INPUT -p tcp --dport 3128 -m comment --comment relay-agent -j ACCEPT")
        // The default ports as port arguments: a temporary directory's name may hold the digits.
        .noneMatch(c -> c.matches(".*(--dport|--sport|port=|localport=) ?808[23]\\b.*"));
  }

  @Test
  void install_noPolicyYet_saysPolicyDefaults() throws Exception {
    installer(new RecordingCommands()).install(LAYOUT, false);
    assertThat(out.toString())
        .contains("# policy defaults (/etc/relay-agent/policy.xml does not exist yet)")
        .contains("udp dport 8082");
  }

  @Test
  void install_tunnelPortZero_saysItCannotBeOpened() throws Exception {
    Files.createDirectories(root.resolve("etc/relay-agent"));
    Files.writeString(
        root.resolve("etc/relay-agent/policy.xml"),
        "<policy xmlns=\"urn:relay-agent:policy:1\"><relayServer tunnelPort=\"0\"/></policy>");
    RecordingCommands commands = new RecordingCommands();

    installer(commands).install(LAYOUT, true);

    assertThat(out.toString())
        .contains("WARNING: the tunnel port is 0")
        .contains("no firewall rule can open it");
    assertThat(commands.ran).noneMatch(c -> c.contains("tcp"));
  }

  @Test
  void install_invalidPolicy_refusedBeforeAnyStep() throws Exception {
    Files.createDirectories(root.resolve("etc/relay-agent"));
    Files.writeString(
        root.resolve("etc/relay-agent/policy.xml"),
        "<policy xmlns=\"urn:relay-agent:policy:1\"><relayServer tunnelPort=\"99999\"/></policy>");
    RecordingCommands commands = new RecordingCommands();

    assertThatThrownBy(() -> installer(commands).install(LAYOUT, true))
        .hasMessageContaining("not valid")
        .hasMessageContaining("policy.xml:1:");
    assertThat(commands.ran).isEmpty();
    assertThat(manifest()).doesNotExist();
  }
}
