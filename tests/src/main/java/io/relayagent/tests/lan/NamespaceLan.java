package io.relayagent.tests.lan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
  private final List<Process> processes = new ArrayList<>();
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

  /** Takes a host's {@code ethN} down or up: a cable pulled or plugged back. */
  public void setLink(Host host, int ethIndex, boolean up) {
    Command.run("ip", "-n", host.namespace(), "link", "set", "eth" + ethIndex, up ? "up" : "down");
  }

  /** Starts {@code command} inside the host's namespace, its output going to {@code log}. */
  public Process start(Host host, List<String> command, Path log) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
    full.addAll(command);
    try {
      Process process =
          new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      synchronized (processes) {
        processes.add(process);
      }
      return process;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot start " + full + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts {@code command} inside the host's namespace with its standard input and output piped to
   * the caller, and its standard error going to {@code log}.
   */
  public Process startInteractive(Host host, List<String> command, Path log) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
    full.addAll(command);
    try {
      Process process = new ProcessBuilder(full).redirectError(log.toFile()).start();
      synchronized (processes) {
        processes.add(process);
      }
      return process;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot start " + full + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    synchronized (processes) {
      for (Process process : processes) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
      }
      for (Process process : processes) {
        try {
          if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
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
