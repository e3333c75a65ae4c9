package io.relayagent.bench.discovery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.relayagent.bench.common.Percentiles;
import io.relayagent.mesh.discovery.DiscoveryClient;
import io.relayagent.mesh.discovery.DiscoveryCodec;
import io.relayagent.mesh.discovery.DiscoveryRequest;
import io.relayagent.mesh.discovery.MalformedPacketException;
import io.relayagent.mesh.discovery.OfferAuthenticator;
import io.relayagent.mesh.discovery.RejectedOfferException;
import io.relayagent.mesh.discovery.RelayOffer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A storm seen at the agents' sockets: what the relay controls. Each agent sends a request (the
 * production encoding) from its own socket and address at the same moment; each offer's arrival is
 * stamped as it is read, before anything else is done with it, and only after the storm is every
 * first offer checked as an agent checks it (nonce, freshness, certificate chain, signature). So
 * the times are the relay's answers and the network, without the cost of verifying a thousand
 * offers in one simulator process, which a real storm spreads over a thousand machines.
 */
final class StormWitness {
  private static final Duration LISTEN = Duration.ofSeconds(3);

  private StormWitness() {}

  /** One storm; returns its report line. */
  static String storm(
      String label,
      List<InetAddress> sources,
      InetSocketAddress target,
      OfferAuthenticator authenticator)
      throws IOException {
    int agents = sources.size();
    SecureRandom random = new SecureRandom();
    byte[][] nonces = new byte[agents][16];
    byte[][] firstOffer = new byte[agents][];
    long[] arrivedAt = new long[agents];
    List<DatagramChannel> channels = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      List<ByteBuffer> requests = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        random.nextBytes(nonces[i]);
        DatagramChannel channel = DatagramChannel.open();
        channels.add(channel);
        channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
        channel.bind(new InetSocketAddress(sources.get(i), 0));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, i);
        ByteBuf encoded =
            DiscoveryCodec.encode(
                new DiscoveryRequest(nonces[i], "witness-" + i), UnpooledByteBufAllocator.DEFAULT);
        requests.add(ByteBuffer.wrap(ByteBufUtil.getBytes(encoded)));
        encoded.release();
      }
      long start = System.nanoTime();
      for (int i = 0; i < agents; i++) {
        channels.get(i).send(requests.get(i), target);
      }
      ByteBuffer in = ByteBuffer.allocate(2048);
      long deadline = start + LISTEN.toNanos();
      for (long now = start; now < deadline; now = System.nanoTime()) {
        selector.select(Math.max(1, (deadline - now) / 1_000_000));
        long readAt = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          int agent = (Integer) key.attachment();
          in.clear();
          while (((DatagramChannel) key.channel()).receive(in) != null) {
            if (firstOffer[agent] == null) {
              arrivedAt[agent] = readAt;
              firstOffer[agent] = Arrays.copyOf(in.array(), in.position());
            }
            in.clear();
          }
        }
        selector.selectedKeys().clear();
      }
      return report(label, start, nonces, firstOffer, arrivedAt, authenticator);
    } finally {
      for (DatagramChannel channel : channels) {
        channel.close();
      }
    }
  }

  private static String report(
      String label,
      long start,
      byte[][] nonces,
      byte[][] firstOffer,
      long[] arrivedAt,
      OfferAuthenticator authenticator) {
    List<Long> micros = new ArrayList<>();
    int invalid = 0;
    for (int i = 0; i < nonces.length; i++) {
      if (firstOffer[i] == null) {
        continue;
      }
      if (valid(firstOffer[i], nonces[i], authenticator)) {
        micros.add((arrivedAt[i] - start) / 1000);
      } else {
        invalid++;
      }
    }
    long[] sample = micros.stream().mapToLong(Long::longValue).toArray();
    return label
        + " agents="
        + nonces.length
        + " answered="
        + sample.length
        + " within1s="
        + micros.stream().filter(m -> m <= 1_000_000).count()
        + " invalid="
        + invalid
        + " "
        + new Percentiles(sample).summary();
  }

  /** What the production client checks of an offer, in the same order. */
  private static boolean valid(byte[] packet, byte[] nonce, OfferAuthenticator authenticator) {
    try {
      if (!(DiscoveryCodec.decode(Unpooled.wrappedBuffer(packet)) instanceof RelayOffer offer)
          || !Arrays.equals(offer.nonce(), nonce)
          || Duration.between(offer.timestamp(), Instant.now())
                  .abs()
                  .compareTo(DiscoveryClient.MAX_CLOCK_SKEW)
              > 0) {
        return false;
      }
      authenticator.authenticate(offer, DiscoveryCodec.signedBytes(offer));
      return true;
    } catch (MalformedPacketException | RejectedOfferException e) {
      return false;
    }
  }
}
