package io.relayagent.bench.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Where the stampede's tunnels lead: a site of the relays' SiteList that accepts every connection
 * and keeps it open, reading and discarding whatever comes, so that a tunnel that carries nothing
 * stays open as long as its agent holds it (a real server would time an idle handshake out).
 *
 * <p>Arguments: PORT. Prints {@code READY}.
 */
public final class TcpSinkHost {
  private TcpSinkHost() {}

  public static void main(String[] args) throws IOException {
    try (Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(Integer.parseInt(args[0])), 4096);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
      System.out.println("READY");
      System.out.flush();
      ByteBuffer discard = ByteBuffer.allocate(16 << 10);
      while (true) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          if (key.isAcceptable()) {
            for (SocketChannel client = server.accept(); client != null; client = server.accept()) {
              client.configureBlocking(false);
              client.register(selector, SelectionKey.OP_READ);
            }
          } else if (key.isReadable()) {
            SocketChannel client = (SocketChannel) key.channel();
            discard.clear();
            if (client.read(discard) < 0) {
              key.cancel();
              client.close();
            }
          }
        }
        selector.selectedKeys().clear();
      }
    }
  }
}
