package io.relayagent.tests.lan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small LAN made of Linux network namespaces: each segment is a bridge in a namespace of its own,
 * each host a namespace with one {@code ethN} per segment it joins. Nothing touches the machine's
 * real interfaces; {@link #close()} stops every process and deletes every namespace.
 *
 * <pre>{@code
 * try (NamespaceLan lan = new NamespaceLan("disc")) {
 *   Segment office = lan.addSegment("10.77.0");
 *   Host agent = lan.addHost("agent", office, 10);
 *   Process p = lan.start(agent, List.of("java", "-cp", cp, "Main"), logFile);
 * }
 * }</pre>
 */
public final class NamespaceLan implements AutoCloseable {

  /** A broadcast domain: a bridge and its IPv4 /24. */
  public record Segment(String switchNamespace, String subnet, int index) {}

  /** A host: a namespace and its address on each segment it joined. */
  public record Host(String namespace, List<String> addresses) {
    public String address() {
      return addresses.get(0);
    }
  }

  private final String prefix;
  private final List<String> namespaces = new ArrayList<>();
  private final StartedProcesses processes = new StartedProcesses();
  private int segments;
  private int links;

  /**
   * @param name a short tag; with this JVM's pid it makes names no other run uses
   */
  public NamespaceLan(String name) {
    this.prefix = "ra" + ProcessHandle.current().pid() + name;
  }

  /**
   * Why namespaces cannot be made here, or empty when they can: needs root and iproute2. Probes by
   * making and deleting one namespace.
   */
  public static Optional<String> unavailableReason() {
    Command.Result uid = Command.tryRun(List.of("id", "-u"));
    if (uid.exitCode() != 0 || !uid.output().equals("0")) {
      return Optional.of("network namespaces need root (uid is " + uid.output() + ")");
    }
    String probe = "raprobe" + ProcessHandle.current().pid();
    Command.Result add = Command.tryRun(List.of("ip", "netns", "add", probe));
    if (add.exitCode() != 0) {
      return Optional.of("cannot create a network namespace: " + add.output());
    }
    Command.tryRun(List.of("ip", "netns", "del", probe));
    return Optional.empty();
  }

  /** A new segment with addresses {@code subnet.1} to {@code subnet.254}. */
  public Segment addSegment(String subnet) {
    String ns = newNamespace("sw" + segments);
    Command.run("ip", "-n", ns, "link", "add", "br0", "type", "bridge");
    Command.run("ip", "-n", ns, "link", "set", "br0", "up");
    return new Segment(ns, subnet, segments++);
  }

  /** A new host on {@code first} (and {@code more}), numbered {@code hostNumber} on each. */
  public Host addHost(String name, int hostNumber, Segment first, Segment... more) {
    String ns = newNamespace(name);
    Command.run("ip", "-n", ns, "link", "set", "lo", "up");
    List<Segment> joined = new ArrayList<>(List.of(first));
    joined.addAll(List.of(more));
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < joined.size(); i++) {
      Segment segment = joined.get(i);
      String port = "p" + links++;
      String eth = "eth" + i;
      Command.run(
          "ip",
          "link",
          "add",
          port,
          "netns",
          segment.switchNamespace(),
          "type",
          "veth",
          "peer",
          "name",
          eth,
          "netns",
          ns);
      Command.run(
          "ip", "-n", segment.switchNamespace(), "link", "set", port, "master", "br0", "up");
      String address = segment.subnet() + "." + hostNumber;
      Command.run("ip", "-n", ns, "addr", "add", address + "/24", "brd", "+", "dev", eth);
      Command.run("ip", "-n", ns, "link", "set", eth, "up");
      addresses.add(address);
    }
    return new Host(ns, List.copyOf(addresses));
  }

  /** Adds more IPv4 addresses to a host's {@code ethN} (one command, however many). */
  public void addAddresses(Host host, int ethIndex, List<String> addressesWithPrefix) {
    StringBuilder batch = new StringBuilder();
    for (String address : addressesWithPrefix) {
      batch.append("addr add ").append(address).append(" dev eth").append(ethIndex).append('\n');
    }
    try {
      Path file = java.nio.file.Files.createTempFile("ip-batch", ".txt");
      try {
        java.nio.file.Files.writeString(file, batch);
        Command.run("ip", "-n", host.namespace(), "-batch", file.toString());
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write an ip batch file: " + e.getMessage(), e);
    }
  }

  /**
   * Gives {@code host} a wire witness on its {@code ethN}: a namespace of its own that receives a
   * copy of every UDP datagram from port {@code udpPort} that reaches the host (its discovery
   * offers) and to port {@code udpPort} that the host sends (its IPv4 requests), taken where
   * tcpdump would take them, at the interface (tc mirred: iproute2 alone, no capture tools). The
   * witness namespace wears the host's MAC and addresses, so its own sockets receive the copies: a
   * process there bound to the host's reply ports and to {@code udpPort} sees what the host's
   * sockets see, when it reached the wire. Keep the host's reply ports few with {@link
   * #setEphemeralPorts}.
   */
  public Host addWireWitness(Host host, int ethIndex, int udpPort) {
    String eth = "eth" + ethIndex;
    String witness = newNamespace("w" + links);
    String mirror = "mir" + links++;
    String mac =
        Command.run("ip", "-n", host.namespace(), "-o", "link", "show", eth)
            .replaceAll("(?s).*link/ether ([0-9a-f:]+).*", "$1");
    Command.run(
        "ip",
        "-n",
        host.namespace(),
        "link",
        "add",
        mirror,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        witness);
    Command.run("ip", "-n", witness, "link", "set", "lo", "up");
    Command.run("ip", "-n", witness, "link", "set", "eth0", "address", mac);
    Command.run("ip", "-n", witness, "link", "set", "eth0", "addrgenmode", "none");
    // The copy of a request carries the host's own address as its source: accept it.
    Command.run(
        "ip",
        "netns",
        "exec",
        witness,
        "sysctl",
        "-q",
        "-w",
        "net.ipv4.conf.all.rp_filter=0",
        "net.ipv4.conf.eth0.rp_filter=0",
        "net.ipv4.conf.eth0.accept_local=1");
    String ipv4 = host.addresses().get(ethIndex);
    Command.run("ip", "-n", witness, "addr", "add", ipv4 + "/24", "brd", "+", "dev", "eth0");
    String linkLocal =
        Command.run("ip", "-n", host.namespace(), "-6", "-o", "addr", "show", "dev", eth);
    Matcher fe80 = Pattern.compile("inet6 (fe80::[0-9a-f:]+/\\d+)").matcher(linkLocal);
    if (fe80.find()) {
      Command.run("ip", "-n", witness, "addr", "add", fe80.group(1), "dev", "eth0", "nodad");
    }
    Command.run("ip", "-n", witness, "link", "set", "eth0", "up");
    Command.run("ip", "-n", host.namespace(), "link", "set", mirror, "up");
    Command.run(
        "ip", "netns", "exec", host.namespace(), "tc", "qdisc", "add", "dev", eth, "clsact");
    mirror(host, eth, "ingress", "ip", "sport", udpPort, mirror);
    mirror(host, eth, "ingress", "ip6", "sport", udpPort, mirror);
    mirror(host, eth, "egress", "ip", "dport", udpPort, mirror);
    return new Host(witness, List.of(ipv4));
  }

  private static void mirror(
      Host host, String eth, String direction, String family, String port, int udpPort, String to) {
    Command.run(
        "ip",
        "netns",
        "exec",
        host.namespace(),
        "tc",
        "filter",
        "add",
        "dev",
        eth,
        direction,
        "protocol",
        family.equals("ip") ? "ip" : "ipv6",
        "u32",
        "match",
        family,
        "protocol",
        "17",
        "0xff",
        "match",
        family,
        port,
        "" + udpPort,
        "0xffff",
        "action",
        "mirred",
        "egress",
        "mirror",
        "dev",
        to);
  }

  /** Limits the local ports the host's sockets get when they bind port 0 (TCP and UDP). */
  public void setEphemeralPorts(Host host, int first, int last) {
    Command.run(
        "ip",
        "netns",
        "exec",
        host.namespace(),
        "sysctl",
        "-q",
        "-w",
        "net.ipv4.ip_local_port_range=" + first + " " + last);
  }

  /** Takes a host's {@code ethN} down or up: a cable pulled or plugged back. */
  public void setLink(Host host, int ethIndex, boolean up) {
    Command.run("ip", "-n", host.namespace(), "link", "set", "eth" + ethIndex, up ? "up" : "down");
  }

  /** Starts {@code command} inside the host's namespace, its output going to {@code log}. */
  public Process start(Host host, List<String> command, Path log) {
    return processes.start(inNamespace(host, command), log);
  }

  /**
   * Starts {@code command} inside the host's namespace with its standard input and output piped to
   * the caller, and its standard error going to {@code log}.
   */
  public Process startInteractive(Host host, List<String> command, Path log) {
    return processes.start(
        new ProcessBuilder(inNamespace(host, command)).redirectError(log.toFile()));
  }

  private static List<String> inNamespace(Host host, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
    full.addAll(command);
    return full;
  }

  @Override
  public void close() {
    processes.close();
    for (String ns : namespaces) {
      Command.tryRun(List.of("ip", "netns", "del", ns));
    }
  }

  private String newNamespace(String name) {
    String ns = prefix + name;
    Command.run("ip", "netns", "add", ns);
    namespaces.add(ns);
    return ns;
  }
}
