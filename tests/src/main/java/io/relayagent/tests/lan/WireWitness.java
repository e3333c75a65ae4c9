package io.relayagent.tests.lan;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.relayagent.mesh.discovery.DiscoveryCodec;
import io.relayagent.mesh.discovery.DiscoveryMessage;
import io.relayagent.mesh.discovery.DiscoveryRequest;
import io.relayagent.mesh.discovery.MalformedPacketException;
import io.relayagent.mesh.discovery.RelayOffer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process of a wire witness ({@link NamespaceLan#addWireWitness}): binds the watched host's
 * reply ports and its discovery port, and prints one line per datagram the mirror hands it, stamped
 * with {@link System#nanoTime()} the moment it is received (every process of the machine reads the
 * same monotonic clock): {@code REQUEST nanos nonce agentId sender} and {@code OFFER nanos nonce
 * relayId sender}. A round's datagrams are stamped first and decoded after, and the decoding is
 * warmed up before {@code READY}, so that decoding never delays a stamp.
 *
 * <p>Arguments: FIRST_REPLY_PORT LAST_REPLY_PORT DISCOVERY_PORT. Start it with {@link #start}.
 */
public final class WireWitness {

  private record Seen(long nanos, SocketAddress sender, byte[] datagram) {}

  private WireWitness() {}

  /**
   * Starts the witness in {@code witness} (a namespace of {@link NamespaceLan#addWireWitness}),
   * waits until it listens, and then gives it a real-time priority: on a machine shared with builds
   * a process may wait hundreds of milliseconds for a core, and a witness that reads late stamps
   * late. It sleeps in {@code select} nearly all the time, so the priority costs the machine
   * nothing.
   */
  public static Process start(
      NamespaceLan lan, NamespaceLan.Host witness, int firstPort, int lastPort, int port, Path log)
      throws IOException, InterruptedException {
    Process process =
        lan.start(
            witness,
            JavaHosts.testCommand(WireWitness.class, "" + firstPort, "" + lastPort, "" + port),
            log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(log) && Files.readString(log).contains("READY"))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the wire witness did not start: " + (Files.exists(log) ? Files.readString(log) : ""));
      }
      Thread.sleep(100);
    }
    Command.run("chrt", "--all-tasks", "--fifo", "--pid", "1", "" + process.pid());
    return process;
  }

  public static void main(String[] args) throws IOException {
    int first = Integer.parseInt(args[0]);
    int last = Integer.parseInt(args[1]);
    int discoveryPort = Integer.parseInt(args[2]);
    Selector selector = Selector.open();
    List<Integer> ports = new ArrayList<>();
    for (int port = first; port <= last; port++) {
      ports.add(port);
    }
    ports.add(discoveryPort);
    for (int port : ports) {
      DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET6);
      channel.bind(new InetSocketAddress(InetAddress.getByName("::"), port));
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
    }
    describe(new Seen(0, new InetSocketAddress(0), new byte[0])); // loads the decoder
    System.out.println("READY");
    System.out.flush();
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    List<Seen> seen = new ArrayList<>();
    while (true) {
      selector.select();
      for (SelectionKey key : selector.selectedKeys()) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        for (SocketAddress sender = channel.receive(buffer);
            sender != null;
            sender = channel.receive(buffer)) {
          long nanos = System.nanoTime();
          seen.add(new Seen(nanos, sender, Arrays.copyOf(buffer.array(), buffer.position())));
          buffer.clear();
        }
      }
      selector.selectedKeys().clear();
      for (Seen datagram : seen) {
        String line = describe(datagram);
        if (line != null) {
          System.out.println(line);
        }
      }
      System.out.flush();
      seen.clear();
    }
  }

  private static String describe(Seen datagram) {
    ByteBuf bytes = Unpooled.wrappedBuffer(datagram.datagram());
    try {
      DiscoveryMessage message = DiscoveryCodec.decode(bytes);
      String stamp = datagram.nanos() + "";
      String sender = datagram.sender().toString();
      if (message instanceof DiscoveryRequest request) {
        String nonce = HexFormat.of().formatHex(request.nonce());
        return String.join(" ", "REQUEST", stamp, nonce, request.agentId(), sender);
      }
      RelayOffer offer = (RelayOffer) message;
      String nonce = HexFormat.of().formatHex(offer.nonce());
      return String.join(" ", "OFFER", stamp, nonce, offer.relayId(), sender);
    } catch (MalformedPacketException e) {
      return null;
    } finally {
      bytes.release();
    }
  }
}
