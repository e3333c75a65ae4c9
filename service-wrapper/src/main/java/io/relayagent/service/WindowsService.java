package io.relayagent.service;

/** The Windows service: a procrun command (jvm mode) or a WinSW XML, and the firewall rules. */
public final class WindowsService {

  private WindowsService() {}

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  /** {@code prunsrv //IS//RelayAgent ...}: one line, for cmd.exe run as an administrator. */
  public static String prunsrv(ServiceLayout l) {
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
    return String.join(
            " ",
            q(l.installRoot() + "\\bin\\prunsrv.exe"),
            "//IS//" + ServiceLayout.WINDOWS_SERVICE_NAME,
            "--DisplayName=" + q("Relay Agent"),
            "--Description=" + q("LAN peer-relay agent"),
            "--Startup=auto",
            "--ServiceUser=" + q("NT AUTHORITY\\LocalService"),
            "--Jvm=" + q(l.javaHome() + "\\bin\\server\\jvm.dll"),
            "--JvmMs=8",
            "--JvmMx=256",
            "--JvmSs=512",
            "++JvmOptions=-XX:+UseSerialGC",
            "--Classpath=" + q(l.jar()),
            "--StartMode=jvm",
            "--StartClass=" + daemon,
            "--StartMethod=start",
            "++StartParams=" + q(params),
            "--StopMode=jvm",
            "--StopClass=" + daemon,
            "--StopMethod=stop",
            "--StopTimeout=30",
            "--LogPath=" + q(ServiceLayout.WINDOWS_DATA + "\\logs"),
            "--StdOutput=auto",
            "--StdError=auto")
        + "\n";
  }

  /** The commands that give the service account its data directory and remove the service. */
  public static String accessAndRemoval(ServiceLayout l) {
    return "mkdir "
        + q(ServiceLayout.WINDOWS_DATA)
        + "\nicacls "
        + q(ServiceLayout.WINDOWS_DATA)
        + " /grant "
        + q("NT AUTHORITY\\LocalService:(OI)(CI)M")
        + "\n"
        + "rem to remove: "
        + q(l.installRoot() + "\\bin\\prunsrv.exe")
        + " //DS//"
        + ServiceLayout.WINDOWS_SERVICE_NAME
        + "\n";
  }

  /** A WinSW service definition (relay-agent-service.xml beside WinSW's exe). */
  public static String winsw(ServiceLayout l) {
    return """
        <service>
          <id>%s</id>
          <name>Relay Agent</name>
          <description>LAN peer-relay agent</description>
          <executable>%s\\bin\\java.exe</executable>
          <arguments>-XX:+UseSerialGC -Xms8m -Xmx256m -Xss512k -jar "%s" run --policy "%s" --sitelist "%s" --state-dir "%s"</arguments>
          <startmode>Automatic</startmode>
          <serviceaccount>
            <username>NT AUTHORITY\\LocalService</username>
          </serviceaccount>
          <stoptimeout>30 sec</stoptimeout>
          <onfailure action="restart" delay="5 sec"/>
          <logpath>%s\\logs</logpath>
          <log mode="roll-by-size"/>
        </service>
        """
        .formatted(
            ServiceLayout.WINDOWS_SERVICE_NAME,
            l.javaHome(),
            l.jar(),
            l.policy(),
            l.siteList(),
            l.stateDirectory(),
            ServiceLayout.WINDOWS_DATA);
  }

  /**
   * {@code netsh advfirewall} rules for {@code program}: the bundled java.exe under WinSW; under
   * procrun's jvm mode the JVM runs inside prunsrv.exe, so the rules name that instead.
   */
  public static String netsh(String program) {
    StringBuilder out = new StringBuilder();
    String[][] rules = {
      {"Relay Agent discovery (UDP 8082 in)", "udp", "localport=8082"},
      {"Relay Agent tunnel (TCP 8083 in)", "tcp", "localport=8083"},
      {"Relay Agent discovery replies (UDP from 8082)", "udp", "remoteport=8082"}
    };
    for (String[] rule : rules) {
      out.append("netsh advfirewall firewall add rule name=")
          .append(q(rule[0]))
          .append(" dir=in action=allow protocol=")
          .append(rule[1])
          .append(' ')
          .append(rule[2])
          .append(" program=")
          .append(q(program))
          .append(" enable=yes profile=domain,private\n");
    }
    return out.toString();
  }

  public static String javaExe(ServiceLayout l) {
    return l.javaHome() + "\\bin\\java.exe";
  }

  public static String prunsrvExe(ServiceLayout l) {
    return l.installRoot() + "\\bin\\prunsrv.exe";
  }

  /** What an administrator runs on Windows: made on any OS, for the golden-file tests. */
  public static String instructions(ServiceLayout layout) {
    return "rem 1. procrun (prunsrv.exe from Apache Commons Daemon, matching the JVM's 64-bit):\n"
        + accessAndRemoval(layout)
        + prunsrv(layout)
        + "rem    firewall rules for procrun (the JVM runs inside prunsrv.exe):\n"
        + netsh(prunsrvExe(layout))
        + "\nrem 2. or WinSW: save as relay-agent-service.xml beside WinSW.exe, then"
        + " `relay-agent-service.exe install`:\n"
        + winsw(layout)
        + "rem    firewall rules for WinSW (the bundled java.exe):\n"
        + netsh(javaExe(layout));
  }
}
