package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install records each step; uninstall undoes exactly those, in reverse order. */
class InstallerTest {

  private final List<String> ran = new ArrayList<>();
  private final StringWriter out = new StringWriter();

  private Installer installer(Path root, boolean userExists) {
    return new Installer(
        root,
        command -> {
          ran.add(String.join(" ", command));
          return command.get(0).equals("id") && !userExists ? 1 : 0;
        },
        new PrintWriter(out, true),
        false);
  }

  @Test
  void uninstallReversesInstall(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc/relay-agent")); // existed before: left alone
    ServiceLayout layout = ServiceLayout.linux("/opt/relay-agent", "/opt/java");

    installer(root, false).install(layout, true);

    Path unit = root.resolve(Installer.UNIT);
    assertThat(unit).hasContent(SystemdUnit.render(layout));
    assertThat(ran)
        .startsWith(
            "id -u relay-agent",
            "useradd --system --user-group --no-create-home --home-dir /var/lib/relay-agent"
                + " --shell /usr/sbin/nologin relay-agent",
            "install -d -m 0750 -o relay-agent -g relay-agent " + root + "/var/lib/relay-agent",
            "systemctl daemon-reload",
            "systemctl enable --now relay-agent.service",
            "iptables -I INPUT -p udp --dport 8082 -m comment --comment relay-agent -j ACCEPT")
        .hasSize(11);

    ran.clear();
    installer(root, true).uninstall();

    assertThat(ran)
        .containsExactly(
            "ip6tables -D INPUT -p udp --sport 8082 -m comment --comment relay-agent -j ACCEPT",
            "ip6tables -D INPUT -p tcp --dport 8083 -m comment --comment relay-agent -j ACCEPT",
            "ip6tables -D INPUT -p udp --dport 8082 -m comment --comment relay-agent -j ACCEPT",
            "iptables -D INPUT -p udp --sport 8082 -m comment --comment relay-agent -j ACCEPT",
            "iptables -D INPUT -p tcp --dport 8083 -m comment --comment relay-agent -j ACCEPT",
            "iptables -D INPUT -p udp --dport 8082 -m comment --comment relay-agent -j ACCEPT",
            "systemctl disable --now relay-agent.service",
            "rm -f " + unit,
            "systemctl daemon-reload",
            "rmdir --ignore-fail-on-non-empty " + root + "/var/lib/relay-agent",
            "userdel relay-agent");
    assertThat(root.resolve(Installer.MANIFEST)).doesNotExist();
    assertThatThrownBy(() -> installer(root, true).uninstall())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not installed");
  }

  @Test
  void existingUserIsNotRecordedAndSecondInstallIsRefused(@TempDir Path root) throws Exception {
    ServiceLayout layout = ServiceLayout.linux("/opt/relay-agent", "/opt/java");
    installer(root, true).install(layout, false);
    assertThat(ran).noneMatch(c -> c.startsWith("useradd"));
    assertThat(Files.readString(root.resolve(Installer.MANIFEST))).doesNotContain("userdel");
    assertThat(out.toString()).contains("nft add rule").contains("iptables -I INPUT");
    assertThatThrownBy(() -> installer(root, true).install(layout, false))
        .hasMessageContaining("already installed");
  }

  @Test
  void dryRunChangesNothing(@TempDir Path root) throws Exception {
    new Installer(
            root,
            command -> {
              throw new AssertionError("ran " + command);
            },
            new PrintWriter(out, true),
            true)
        .install(ServiceLayout.linux("/opt/relay-agent", "/opt/java"), true);
    assertThat(out.toString()).contains("would run: systemctl enable --now relay-agent.service");
    try (var files = Files.list(root)) {
      assertThat(files).isEmpty();
    }
  }
}
