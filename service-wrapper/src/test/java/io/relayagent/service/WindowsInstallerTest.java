package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows install runs on Linux through the {@link Commands} seam: the commands are recorded,
 * the directories are made under a stand-in root, and a failure is injected.
 */
class WindowsInstallerTest {

  static final ServiceLayout LAYOUT =
      ServiceLayout.windows(
          "C:\\Program Files\\relay-agent", "C:\\Program Files\\Eclipse Adoptium\\jre-17");
  static final String PRUNSRV = "C:\\Program Files\\relay-agent\\bin\\prunsrv.exe";

  private final StringWriter out = new StringWriter();

  @TempDir Path root;

  private Installer installer(Commands commands) {
    return new Installer(root, commands, new PrintWriter(out, true), false);
  }

  private Path data() {
    return root.resolve("%ProgramData%").resolve("relay-agent");
  }

  private Path manifest() {
    return root.resolve("%ProgramData%").resolve("relay-agent-service.manifest");
  }

  @Test
  void install_runsEveryStepAndUninstallReversesThem() throws Exception {
    RecordingCommands commands = new RecordingCommands();

    installer(commands).install(LAYOUT, false);

    assertThat(data().resolve("state")).isDirectory();
    assertThat(commands.ran)
        .hasSize(6)
        .startsWith("icacls %ProgramData%\\relay-agent /grant *S-1-5-19:(OI)(CI)M")
        .endsWith(PRUNSRV + " //ES//RelayAgent");
    assertThat(commands.ran.get(1))
        .startsWith(PRUNSRV + " //IS//RelayAgent")
        .contains(
            " --Jvm=C:\\Program Files\\Eclipse Adoptium\\jre-17\\bin\\server\\jvm.dll ",
            " --Classpath=C:\\Program Files\\relay-agent\\lib\\relay-agent.jar ");
    assertThat(commands.ran.get(2))
        .startsWith("netsh advfirewall firewall add rule name=Relay Agent discovery (UDP 8082 in)")
        .contains("program=" + PRUNSRV);
    assertThat(manifest()).exists();

    RecordingCommands undo = new RecordingCommands();
    installer(undo).uninstall(true);

    assertThat(undo.ran)
        .hasSize(6)
        .startsWith(PRUNSRV + " //SS//RelayAgent")
        .contains(PRUNSRV + " //DS//RelayAgent")
        .endsWith("icacls %ProgramData%\\relay-agent /remove:g *S-1-5-19");
    assertThat(data()).doesNotExist();
    assertThat(manifest()).doesNotExist();
  }

  @Test
  void install_startFails_undoesEveryStepAndNamesIt() throws Exception {
    RecordingCommands commands = new RecordingCommands().failing(PRUNSRV + " //ES//", 1);

    assertThatThrownBy(() -> installer(commands).install(LAYOUT, false))
        .hasMessageContaining("install failed at step \"start the service RelayAgent\"")
        .hasMessageContaining("install the service RelayAgent")
        .hasMessageNotContaining("NOT undone");

    assertThat(commands.ran)
        .contains(
            PRUNSRV + " //DS//RelayAgent", "icacls %ProgramData%\\relay-agent /remove:g *S-1-5-19")
        .filteredOn(c -> c.startsWith("netsh advfirewall firewall delete rule"))
        .hasSize(3);
    assertThat(commands.ran).doesNotContain(PRUNSRV + " //SS//RelayAgent");
    assertThat(data()).doesNotExist();
    assertThat(manifest()).doesNotExist();
  }

  @Test
  void install_existingDataDirectory_isGrantedButKept() throws Exception {
    Files.createDirectories(data());
    Files.writeString(
        data().resolve("policy.xml"),
        "<policy xmlns=\"urn:relay-agent:policy:1\"><relayServer tunnelPort=\"9443\"/></policy>");
    RecordingCommands commands = new RecordingCommands();

    installer(commands).install(LAYOUT, false);
    installer(new RecordingCommands()).uninstall(true);

    assertThat(commands.ran).anyMatch(c -> c.contains("localport=9443"));
    assertThat(out.toString()).contains("rem ports from %ProgramData%\\relay-agent\\policy.xml");
    assertThat(data().resolve("policy.xml")).exists();
    assertThat(data().resolve("state")).doesNotExist();
  }

  @Test
  void uninstall_afterKilledInstall_removesWhatItLeft() throws Exception {
    assertThatThrownBy(
            () ->
                installer(new RecordingCommands().killedAt("netsh advfirewall firewall add"))
                    .install(LAYOUT, false))
        .isInstanceOf(RecordingCommands.Killed.class);

    RecordingCommands undo = new RecordingCommands();
    installer(undo).uninstall(true);

    assertThat(undo.ran)
        .containsExactly(
            "netsh advfirewall firewall delete rule name=Relay Agent discovery (UDP 8082 in)"
                + " program="
                + PRUNSRV,
            PRUNSRV + " //DS//RelayAgent",
            "icacls %ProgramData%\\relay-agent /remove:g *S-1-5-19");
    assertThat(data()).doesNotExist();
    assertThat(manifest()).doesNotExist();
  }
}
