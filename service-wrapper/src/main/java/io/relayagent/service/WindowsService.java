package io.relayagent.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The steps of a Windows install with procrun ({@code bin\prunsrv.exe} of the distribution zip,
 * from Apache Commons Daemon): the data directories and their access rights, the service (procrun
 * jvm mode, in the JVM that runs {@code service install}), the firewall rules, the start. procrun
 * runs the JVM inside prunsrv.exe, so the firewall rules name that program.
 */
public final class WindowsService {

  /** Local Service's well-known SID: the same on every Windows, whatever its language. */
  static final String LOCAL_SERVICE_SID = "*S-1-5-19";

  private WindowsService() {}

  public static String prunsrvExe(ServiceLayout l) {
    return l.installRoot() + "\\bin\\prunsrv.exe";
  }

  /**
   * The {@code prunsrv //IS//RelayAgent ...} command as one cmd.exe line: what install runs, for
   * the documentation and for the package's check that it names only files the zip holds.
   */
  public static String prunsrvInstallLine(ServiceLayout l) {
    return Shell.CMD.line(prunsrvInstall(l));
  }

  /** procrun's own log and the service's stdout/stderr go beside the agent's log. */
  static String logDirectory(ServiceLayout l) {
    return l.stateDirectory() + "\\logs";
  }

  /** {@code prunsrv //IS//RelayAgent ...}: the service in jvm mode, as Local Service. */
  static List<String> prunsrvInstall(ServiceLayout l) {
    for (String path : List.of(l.policy(), l.siteList(), l.stateDirectory())) {
      if (path.contains(";")) {
        throw new IllegalArgumentException(
            "procrun separates the start parameters with ';', so a path may not contain one: "
                + path);
      }
    }
    String daemon = RelayAgentDaemon.class.getName();
    String params =
        String.join(
            ";",
            "--policy",
            l.policy(),
            "--sitelist",
            l.siteList(),
            "--state-dir",
            l.stateDirectory());
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            prunsrvExe(l),
            "//IS//" + ServiceLayout.WINDOWS_SERVICE_NAME,
            "--DisplayName=Relay Agent",
            "--Description=LAN peer-relay agent",
            "--Startup=auto",
            "--ServiceUser=NT AUTHORITY\\LocalService",
            // Named, not auto-detected: detection fails with many JDK builds (see PITFALLS).
            "--Jvm=" + l.javaHome() + "\\bin\\server\\jvm.dll"));
    // The launchers' options (bin/jvm.options), so the service runs as measured.
    command.addAll(JvmOptions.procrunArguments());
    command.addAll(
        List.of(
            "--Classpath=" + l.jar(),
            "--StartMode=jvm",
            "--StartClass=" + daemon,
            "--StartMethod=start",
            "++StartParams=" + params,
            "--StopMode=jvm",
            "--StopClass=" + daemon,
            "--StopMethod=stop",
            "--StopTimeout=30",
            "--LogPath=" + logDirectory(l),
            "--StdOutput=auto",
            "--StdError=auto"));
    return List.copyOf(command);
  }

  private static List<String> prunsrv(ServiceLayout l, String verb) {
    return List.of(prunsrvExe(l), verb + ServiceLayout.WINDOWS_SERVICE_NAME);
  }

  /** {@code netsh advfirewall} adding {@code rule} for {@code program}. */
  static List<String> netshAdd(FirewallRule rule, String program) {
    String port =
        (rule.direction() == FirewallRule.Direction.IN_TO_PORT ? "localport=" : "remoteport=")
            + rule.port();
    return List.of(
        "netsh",
        "advfirewall",
        "firewall",
        "add",
        "rule",
        "name=" + netshName(rule),
        "dir=in",
        "action=allow",
        "protocol=" + rule.protocol().tool(),
        port,
        "program=" + program,
        "enable=yes",
        "profile=domain,private");
  }

  static List<String> netshDelete(FirewallRule rule, String program) {
    return List.of(
        "netsh",
        "advfirewall",
        "firewall",
        "delete",
        "rule",
        "name=" + netshName(rule),
        "program=" + program);
  }

  private static String netshName(FirewallRule rule) {
    return "Relay Agent " + rule.purpose() + " (" + rule.summary() + ")";
  }

  /**
   * @param directoryExists whether a directory exists on the target (one that does is granted
   *     access but neither made nor removed)
   */
  static Plan plan(ServiceLayout l, Predicate<String> directoryExists, FirewallRules rules) {
    List<Step> access = new ArrayList<>();
    List<String> granted = new ArrayList<>();
    for (String dir : l.directories()) {
      if (!directoryExists.test(dir)) {
        access.add(
            new Step(
                "create directory " + dir,
                new Action.MakeDirectory(dir),
                new Action.RemoveEmptyDirectory(dir)));
      }
      // One inside a directory granted already inherits the grant.
      if (granted.stream().noneMatch(g -> isInside(dir, g))) {
        granted.add(dir);
        access.add(
            new Step(
                "grant Local Service modify rights on " + dir,
                new Action.Run(List.of("icacls", dir, "/grant", LOCAL_SERVICE_SID + ":(OI)(CI)M")),
                new Action.Run(List.of("icacls", dir, "/remove:g", LOCAL_SERVICE_SID))));
      }
    }
    Step service =
        new Step(
            "install the service " + ServiceLayout.WINDOWS_SERVICE_NAME,
            new Action.Run(prunsrvInstall(l)),
            new Action.Run(prunsrv(l, "//DS//")));
    List<String> firewallNotes = new ArrayList<>();
    firewallNotes.add(rules.source() + "; the JVM runs inside prunsrv.exe, so the rules name it");
    firewallNotes.addAll(rules.warnings());
    List<Step> firewall = new ArrayList<>();
    for (FirewallRule rule : rules.rules()) {
      firewall.add(
          new Step(
              "firewall: " + rule.purpose() + " (" + rule.summary() + ")",
              new Action.Run(netshAdd(rule, prunsrvExe(l))),
              new Action.Run(netshDelete(rule, prunsrvExe(l)))));
    }
    Step start =
        new Step(
            "start the service " + ServiceLayout.WINDOWS_SERVICE_NAME,
            new Action.Run(prunsrv(l, "//ES//")),
            new Action.Run(prunsrv(l, "//SS//")));
    return new Plan(
        Shell.CMD,
        List.of(
            new Plan.Section("Data directories and their access rights (ACL)", List.of(), access),
            new Plan.Section(
                "Service (procrun, JVM " + l.javaHome() + ")", List.of(), List.of(service)),
            new Plan.Section("Firewall", firewallNotes, firewall),
            new Plan.Section("Start", List.of(), List.of(start))));
  }

  /** Whether {@code dir} is inside {@code parent} (Windows paths: case does not matter). */
  private static boolean isInside(String dir, String parent) {
    return dir.regionMatches(true, 0, parent + "\\", 0, parent.length() + 1);
  }
}
