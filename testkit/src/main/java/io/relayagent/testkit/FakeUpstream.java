package io.relayagent.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server on loopback standing in for an upstream (a management server, a repository, any site a
 * relay tunnels to), behaving as its {@link Mode} says: it answers, refuses, hangs, drops a body
 * half-way, and so on. Raw sockets and one thread per connection, so it can stop or stall exactly
 * where a test wants. Its port is bound at start (port 0) and read back: nothing can take it.
 *
 * <pre>{@code
 * try (FakeUpstream repo = FakeUpstream.startTls(Mode.ANSWERS, tls)) {
 *   repo.put("/Software/a.zip", bytes);
 *   repo.mode("/Software/b.zip", Mode.DROPS_MID_BODY);
 *   ...
 * }
 * }</pre>
 */
public final class FakeUpstream implements AutoCloseable {

  /**
   * How the fake serves each connection. HTTP modes read one request head and answer it (one
   * request per connection, {@code Connection: close}); they can also be set per path with {@link
   * #mode(String, Mode)}. Stream modes treat the connection as bytes, as a tunnel carries them.
   */
  public enum Mode {
    /** HTTP: each object {@link #put} by path, with ETag and Repr-Digest; 404 for others. */
    ANSWERS(true),
    /**
     * Never answers, holding the connection open: as the fake's mode, whatever the client sends (a
     * TLS ClientHello, a request); as the mode of a path, once the request head is read.
     */
    HANGS(true),
    /** HTTP: the head and half of the body, then the connection closes. */
    DROPS_MID_BODY(true),
    /** HTTP: the head and a quarter of the body, then nothing, the connection held open. */
    STALLS_MID_BODY(true),
    /** HTTP: the body in eight parts, {@link #slowPart} apart. */
    SLOW(true),
    /** HTTP: a Repr-Digest that is not the body's. */
    WRONG_DIGEST(true),
    /** HTTP: no Repr-Digest. */
    NO_DIGEST(true),
    /** HTTP: 503 Service Unavailable. */
    SERVER_ERROR(true),
    /** TCP: nothing listens on the port (it is bound, so no one else can): connection refused. */
    REFUSES(false),
    /** Stream: closes each connection at once, without a byte. */
    CLOSES_AT_ONCE(false),
    /** Stream: writes back what it reads. */
    ECHO(false),
    /**
     * Stream: writes {@code bytes} pseudo-random bytes (see {@link #sourceDigest}), then closes.
     */
    SOURCE(false),
    /** Stream: reads to the end, then answers the SHA-256 (hex) of what it read, and closes. */
    SINK(false);

    private final boolean http;

    Mode(boolean http) {
      this.http = http;
    }

    boolean http() {
      return http;
    }
  }

  private final Mode mode;
  private final ServerSocket server;
  private final Socket refusing;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final HttpObjects objects;
  private final ByteStreams streams;

  private FakeUpstream(Mode mode, ServerSocketFactory sockets, long sourceBytes)
      throws IOException {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.objects = new HttpObjects(mode);
    this.streams = new ByteStreams(sourceBytes);
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (mode == Mode.REFUSES) {
      // Bound and never listening: the kernel refuses each connection, and the port stays ours.
      refusing = new Socket();
      refusing.setReuseAddress(false);
      refusing.bind(any);
      server = null;
    } else {
      refusing = null;
      server = sockets.createServerSocket(0, 200, InetAddress.getLoopbackAddress());
      threads.execute(this::acceptLoop);
    }
  }

  /** A fake speaking plain TCP. */
  public static FakeUpstream start(Mode mode) throws IOException {
    return new FakeUpstream(mode, ServerSocketFactory.getDefault(), 0);
  }

  /** A fake speaking TLS with {@code tls} (see {@link #serverTls}). */
  public static FakeUpstream startTls(Mode mode, SSLContext tls) throws IOException {
    return new FakeUpstream(mode, tls.getServerSocketFactory(), 0);
  }

  /** A plain {@link Mode#SOURCE} of {@code bytes} bytes. */
  public static FakeUpstream startSource(long bytes) throws IOException {
    return new FakeUpstream(Mode.SOURCE, ServerSocketFactory.getDefault(), bytes);
  }

  /** A JDK server context that proves itself with {@code key} and its {@code chain}. */
  public static SSLContext serverTls(PrivateKey key, List<X509Certificate> chain) {
    try {
      // The store lives only in memory; its password protects nothing.
      char[] password = "in-memory".toCharArray();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("upstream", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the fake's TLS context: " + e, e);
    }
  }

  /** The SHA-256 (hex) of what a {@link Mode#SOURCE} of {@code bytes} bytes sends. */
  public static String sourceDigest(long bytes) {
    return ByteStreams.sourceDigest(bytes);
  }

  /** The ETag the fake gives {@code content}. */
  public static String etagOf(byte[] content) {
    return HttpObjects.etagOf(content);
  }

  public int port() {
    return server != null ? server.getLocalPort() : refusing.getLocalPort();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
  }

  /** Serves {@code content} at {@code path} (HTTP modes). */
  public void put(String path, byte[] content) {
    objects.put(path, content);
  }

  public void remove(String path) {
    objects.remove(path);
  }

  /** Serves {@code path} in {@code pathMode}, an HTTP mode, whatever the fake's own mode. */
  public void mode(String path, Mode pathMode) {
    if (!mode.http() || !pathMode.http()) {
      throw new IllegalArgumentException(
          "modes per path are HTTP modes on an HTTP fake; this one is "
              + mode
              + ", not "
              + pathMode);
    }
    objects.mode(path, pathMode);
  }

  /** How long {@link Mode#SLOW} waits between the parts of a body (100 ms unless set). */
  public void slowPart(Duration pause) {
    objects.slowPart(pause);
  }

  /** HTTP requests read, in all. */
  public int requests() {
    return objects.requests();
  }

  /** HTTP requests read for {@code path}. */
  public int requests(String path) {
    return objects.requests(path);
  }

  /** Paths that were asked for with If-None-Match, in order. */
  public List<String> conditionalRequests() {
    return objects.conditionalRequests();
  }

  /** Connections accepted. */
  public int accepted() {
    return accepted.get();
  }

  /** Connections whose serving ended (the peer closed, or the fake finished). */
  public int finished() {
    return finished.get();
  }

  /** Bytes a stream mode read. */
  public long bytesRead() {
    return streams.read();
  }

  /** Bytes a stream mode wrote. */
  public long bytesWritten() {
    return streams.written();
  }

  /** Makes a {@link Mode#SINK} stop reading (its TCP window then closes) or read again. */
  public void sinkReading(boolean reading) {
    streams.sinkReading(reading);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        open.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      if (mode == Mode.HANGS) {
        ByteStreams.discard(socket.getInputStream());
      } else if (mode.http()) {
        objects.serve(socket);
      } else {
        streams.serve(mode, socket);
      }
    } catch (IOException e) {
      // The peer hung up, or the test closed the fake: that is how many of these tests end.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
      finished.incrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    if (refusing != null) {
      refusing.close();
      return;
    }
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }

  static ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "fake-upstream");
      thread.setDaemon(true);
      return thread;
    };
  }
}
