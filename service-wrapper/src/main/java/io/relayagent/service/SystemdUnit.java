package io.relayagent.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The systemd unit that runs {@code bin/relay-agent run ...} (which execs java) as a service: the
 * one writer of its text, for {@code service install} and for the Debian package (which runs {@code
 * service print-unit} at build time).
 */
public final class SystemdUnit {

  /** Well above the agent's graceful stop (about 12 s, bounded by the daemon at 20 s). */
  public static final int TIMEOUT_STOP_SECONDS = 60;

  /**
   * What the unit's sandbox hides from the service: PrivateTmp gives it an empty /tmp and /var/tmp,
   * ProtectHome an empty /home, /root and /run/user.
   */
  private static final List<String> HIDDEN =
      List.of("/tmp", "/var/tmp", "/home", "/root", "/run/user");

  private SystemdUnit() {}

  /**
   * One warning for each path of {@code layout} the unit's sandbox hides ({@code PrivateTmp},
   * {@code ProtectHome}): the launcher or Java runtime of a build unpacked under {@code /tmp} or a
   * home directory is not there for the service, which then fails at every start.
   */
  public static List<String> sandboxWarnings(ServiceLayout layout) {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("the launcher", layout.launcher());
    if (layout.hasJavaHome()) {
      paths.put("JAVA_HOME", layout.javaHome());
    }
    paths.put("the policy", layout.policy());
    paths.put("the SiteList", layout.siteList());
    paths.put("the state directory", layout.stateDirectory());
    List<String> warnings = new ArrayList<>();
    paths.forEach(
        (what, path) ->
            hiddenBy(path)
                .ifPresent(
                    hidden ->
                        warnings.add(
                            what
                                + " "
                                + path
                                + " is under "
                                + hidden
                                + ", which the unit's sandbox ("
                                + (hidden.endsWith("tmp") ? "PrivateTmp" : "ProtectHome")
                                + "=yes) hides from the service: it would fail at start;"
                                + " install the distribution elsewhere (for example /opt)")));
    return warnings;
  }

  private static Optional<String> hiddenBy(String path) {
    String normalised = Path.of(path).normalize().toString();
    return HIDDEN.stream()
        .filter(dir -> normalised.equals(dir) || normalised.startsWith(dir + "/"))
        .findFirst();
  }

  /** The unit's text for {@code layout}. */
  public static String render(ServiceLayout layout) {
    Set<String> writable = new LinkedHashSet<>();
    writable.add(layout.stateDirectory());
    writable.add(layout.parentOf(layout.policy()));
    writable.add(layout.parentOf(layout.siteList()));
    StringBuilder unit = new StringBuilder();
    unit.append(
        """
        # Written by `relay-agent service install` (`service uninstall` removes it) or shipped by
        # the relay-agent package (`dpkg --purge relay-agent` removes it).
        [Unit]
        Description=Relay Agent (LAN peer relay)
        Wants=network-online.target
        After=network-online.target
        # Without its policy and SiteList the agent cannot run: until they are in place (a package
        # installs none) the unit is skipped at start instead of failing and restarting.
        """);
    unit.append("ConditionPathExists=").append(layout.policy()).append('\n');
    unit.append("ConditionPathExists=").append(layout.siteList()).append('\n');
    unit.append(
        """

        [Service]
        Type=simple
        """);
    unit.append("User=").append(layout.user()).append('\n');
    unit.append("Group=").append(layout.user()).append('\n');
    unit.append(
        """
        # /var/lib/relay-agent (queue, content, trust/ certificates, logs/) and /var/log/relay-agent
        # are owned by the service user; /etc/relay-agent holds the policy and SiteList, which the
        # agent rewrites when the server sends new ones (install makes it the user's).
        StateDirectory=relay-agent
        StateDirectoryMode=0750
        LogsDirectory=relay-agent
        LogsDirectoryMode=0750
        ConfigurationDirectory=relay-agent
        ConfigurationDirectoryMode=0750
        """);
    if (layout.hasJavaHome()) {
      unit.append("Environment=JAVA_HOME=").append(layout.javaHome()).append('\n');
    }
    unit.append("ExecStart=")
        .append(layout.launcher())
        .append(" run --policy ")
        .append(layout.policy())
        .append(" --sitelist ")
        .append(layout.siteList())
        .append(" --state-dir ")
        .append(layout.stateDirectory())
        .append('\n');
    unit.append(
        """
        Restart=on-failure
        RestartSec=5
        # The JVM exits 143 after SIGTERM: that is a clean stop.
        SuccessExitStatus=143
        """);
    unit.append("TimeoutStopSec=").append(TIMEOUT_STOP_SECONDS).append('\n');
    unit.append(
        """

        # Hardening. MemoryDenyWriteExecute is left out on purpose: the JIT compiler needs
        # writable and executable memory, and the JVM fails to start with it.
        NoNewPrivileges=yes
        ProtectSystem=strict
        ProtectHome=yes
        PrivateTmp=yes
        PrivateDevices=yes
        ProtectKernelTunables=yes
        ProtectKernelModules=yes
        ProtectControlGroups=yes
        RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK
        # Ports 8082/udp and 8083/tcp are unprivileged: no capability at all.
        CapabilityBoundingSet=
        LockPersonality=yes
        SystemCallArchitectures=native
        RestrictNamespaces=yes
        """);
    unit.append("ReadWritePaths=").append(String.join(" ", writable)).append('\n');
    unit.append(
        """

        [Install]
        WantedBy=multi-user.target
        """);
    return unit.toString();
  }
}
