package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.mesh.logging.CappedLog;
import io.relayagent.sitelist.SiteIndex;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.xml.XmlFileException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Whatever bytes a client sends first, through the listener's own pipeline (guard, HTTP codec,
 * router) in an {@link EmbeddedChannel}: the relay reaches out only to a listed site, answers every
 * complete or malformed head, waits only for a head that may still become valid and holds little
 * while it waits, answers that one at the head timeout, and gives back every buffer and every place
 * in its budgets. The same holds however the bytes are split across reads.
 *
 * <p>The upstream side is the real {@link UpstreamConnector} with a resolver that records the name
 * it is asked for and finds no address: a CONNECT that passes every check ends in a {@code 502},
 * never in a connection.
 */
class HeadGuardHandlerFuzzTest {

  private static final String SITE_LIST =
      """
      <ns:SiteLists xmlns:ns="naSiteList">
        <SiteList Default="1" Name="fuzz">
          <SpipeSite Name="epo" Order="1" Server="epo.example.com:443" ServerName="EPOSERVER:443"
              ServerIP="192.0.2.5:443" Enabled="1"/>
          <HttpSite Name="repo" Order="2" Server="[2001:db8::10]:8443" Enabled="1"/>
          <SpipeSite Name="old" Order="3" Server="old.example.com:443" Enabled="0"/>
        </SiteList>
      </ns:SiteLists>
      """;

  /** The endpoints of the enabled sites above, as the relay names them (canonical). */
  private static final Set<String> ALLOWED =
      Set.of("epo.example.com:443", "eposerver:443", "192.0.2.5:443", "[2001:db8::10]:8443");

  private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);
  private static final TunnelCounters COUNTERS = new TunnelCounters();

  /**
   * What one connection may hold while its head is incomplete: the scanner's limits (2 KiB request
   * line, 8 KiB headers) in a buffer that grows in powers of two, and the decoder's share.
   */
  private static final long MAX_HELD_BYTES = 32 * 1024;

  private static final SiteIndex SITES = siteIndex();

  @FuzzTest
  void read_anyBytes_reachesOnlyAListedSiteAndAnswersOrWaitsWithinBounds(byte[] input) {
    Outcome whole = new Connection().receive(input, input.length);
    Outcome split = new Connection().receive(input, 5);
    assertThat(split).as("the same bytes in reads of 5").isEqualTo(whole);

    HeadScanner.Result head = new HeadScanner().scan(Unpooled.wrappedBuffer(input));
    if (head == HeadScanner.Result.NEED_MORE) {
      assertThat(whole.status()).as("an incomplete head is answered at its timeout").isEqualTo(403);
      assertThat(whole.beforeTimeout()).isFalse();
      assertThat(input.length)
          .isLessThanOrEqualTo(HeadScanner.MAX_REQUEST_LINE + HeadScanner.MAX_HEADERS + 4);
    } else {
      assertThat(whole.beforeTimeout()).as("a complete or malformed head is answered").isTrue();
    }
    if (whole.reached() != null) {
      assertThat(ALLOWED).as("the only places a tunnel may go").contains(whole.reached());
      assertThat(whole.status()).isEqualTo(502);
    } else {
      assertThat(whole.status()).isIn(400, 403, 404, 411, 413, 501, 503);
    }
  }

  /**
   * @param status the answer's status code
   * @param beforeTimeout whether the answer came before the head timeout
   * @param reached the endpoint the relay tried to connect to ({@code host:port}), or {@code null}
   */
  record Outcome(int status, boolean beforeTimeout, String reached) {}

  /** One client connection on the plain listener, with its own budgets. */
  private static final class Connection {
    private final List<String> resolved = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
    private final PreAuthBudget preAuth = new PreAuthBudget(64, PreAuthBudget.PER_SOURCE);
    private final ConnectionLimiter limiter = new ConnectionLimiter(8);
    private final EmbeddedChannel channel = new EmbeddedChannel();

    Outcome receive(byte[] input, int readSize) {
      channel.config().setAllocator(alloc).setAutoRead(false);
      channel.freezeTime();
      ClientAdmission admission =
          ClientAdmission.atAccept(channel, InetAddress.getLoopbackAddress(), preAuth, limiter);
      channel.pipeline().addLast("guard", new HeadGuardHandler(HEAD_TIMEOUT, quietLog(), COUNTERS));
      channel
          .pipeline()
          .addLast("http", new HttpServerCodec(TunnelChannelInitializer.decoderConfig()));
      channel.pipeline().addLast("spy", new RequestSpy());
      channel.pipeline().addLast("router", new RequestRouterHandler(services(), admission));

      List<ByteBuf> sent = new ArrayList<>();
      for (int i = 0; i < input.length && channel.isOpen(); i += readSize) {
        ByteBuf read = Unpooled.copiedBuffer(input, i, Math.min(readSize, input.length - i));
        sent.add(read);
        channel.writeInbound(read);
        assertThat(alloc.metric().usedHeapMemory())
            .as("bytes held for a connection")
            .isLessThanOrEqualTo(MAX_HELD_BYTES);
      }
      Integer status = answer();
      boolean beforeTimeout = status != null;
      if (!beforeTimeout) {
        assertThat(channel.isOpen()).as("a connection without an answer is still open").isTrue();
        channel.advanceTimeBy(HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        status = answer();
        assertThat(status).as("an answer at the head timeout").isNotNull();
      }
      assertThat(channel.isOpen()).as("an answered connection is closed").isFalse();
      channel.finishAndReleaseAll();
      assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).as("released").isZero());
      assertThat(alloc.metric().usedHeapMemory()).as("every buffer given back").isZero();
      assertThat(preAuth.open()).as("pre-authentication places given back").isZero();
      assertThat(limiter.load()).as("connection places given back").isZero();
      assertThat(resolved).hasSizeLessThanOrEqualTo(1);
      String reached = null;
      if (!resolved.isEmpty()) {
        String target = targets.get(targets.size() - 1);
        String host = resolved.get(0);
        reached =
            (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                + target.substring(target.lastIndexOf(':'));
      }
      return new Outcome(status, beforeTimeout, reached);
    }

    /** The status of the answer written, if any; its bytes are released. */
    private Integer answer() {
      ByteBuf first = channel.readOutbound();
      if (first == null) {
        return null;
      }
      String text = first.toString(StandardCharsets.ISO_8859_1);
      first.release();
      for (ByteBuf more = channel.readOutbound(); more != null; more = channel.readOutbound()) {
        more.release();
      }
      assertThat(text).startsWith("HTTP/1.1 ");
      return Integer.parseInt(text.substring(9, 12));
    }

    private RouterServices services() {
      HostResolver resolver =
          host -> {
            resolved.add(host);
            throw new UnknownHostException(host);
          };
      UpstreamConnector upstream =
          new UpstreamConnector(
              NettyTransport.best(),
              Duration.ofSeconds(1),
              UpstreamRoutes.of(ProxyPolicy.defaults(), resolver),
              resolver,
              Runnable::run);
      return new RouterServices(
          () -> SITES,
          upstream,
          null,
          null,
          8,
          quietLog(),
          quietLog(),
          new Refusals(quietLog(), COUNTERS),
          COUNTERS);
    }

    /** Records the target of each request the decoder produced. */
    private final class RequestSpy extends ChannelInboundHandlerAdapter {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
          targets.add(request.uri());
        }
        ctx.fireChannelRead(msg);
      }
    }
  }

  private static CappedLog quietLog() {
    return new CappedLog(
        LoggerFactory.getLogger(HeadGuardHandlerFuzzTest.class),
        "fuzz lines",
        1,
        Duration.ofDays(1),
        Ticker.systemTicker());
  }

  private static SiteIndex siteIndex() {
    try {
      return SiteIndex.of(
          SiteListReader.parse("fuzz SiteList", SITE_LIST.getBytes(StandardCharsets.UTF_8)));
    } catch (XmlFileException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
