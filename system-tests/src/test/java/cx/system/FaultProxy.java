package cx.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy put between the platform's processes and one service, that can make the service
 * look slow or cut its connections: the small in-test stand-in for Toxiproxy.
 *
 * <p>Bytes from the clients reach the service at once. Bytes from the service can be delayed
 * ({@link #delayAnswers}) or held back until released ({@link #holdAnswers}); held bytes are
 * dropped when the service's side of the connection closes, as they would be if the answer had
 * been lost with the process. The clients' side speaks HTTP/2 (gRPC) in clear text, so the
 * proxy reads its frame headers and notes every {@code RST_STREAM} a client sends: the proof
 * that a client cancelled a call.
 */
final class FaultProxy implements AutoCloseable {

  /** A client cancelled one stream: when (System.nanoTime) and with which HTTP/2 error code. */
  record Reset(long nanoTime, int streamId, long errorCode) {
  }

  /** The HTTP/2 error code CANCEL, which gRPC sends when a call is cancelled or its deadline passes. */
  static final long CANCEL = 0x8;

  private static final int RST_STREAM = 0x3;
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final String name;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final List<Reset> resets = new CopyOnWriteArrayList<>();
  private final AtomicLong bytesHeld = new AtomicLong();
  private final Object gate = new Object();
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean holding;
  /** Counts releases: a chunk read before the latest release is passed on without more waiting. */
  private volatile long releases;
  private volatile boolean closed;

  /** Starts a proxy on a free loopback port in front of {@code localhost:targetPort}. */
  FaultProxy(String name, int targetPort) throws IOException {
    this.name = name;
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port clients connect to. */
  int port() {
    return listener.getLocalPort();
  }

  /** The gRPC target to give the platform instead of the service's own. */
  String target() {
    return "static://localhost:" + port();
  }

  /** Delays every byte the service sends from now on by this much (zero: no delay). */
  void delayAnswers(Duration by) {
    delay = by;
  }

  /** Holds every byte the service sends from now on, until {@link #release}. */
  void holdAnswers() {
    bytesHeld.set(0);
    holding = true;
  }

  /** Sends on what was held (if its connection still stands) and stops holding and delaying. */
  void release() {
    delay = Duration.ZERO;
    synchronized (gate) {
      holding = false;
      releases++;
      gate.notifyAll();
    }
  }

  /** How many bytes the service has sent since {@link #holdAnswers} that were held back. */
  long bytesHeld() {
    return bytesHeld.get();
  }

  /** The streams clients have reset so far. */
  List<Reset> resets() {
    return List.copyOf(resets);
  }

  /** Closes every connection through the proxy, as a network cut would; new ones are accepted. */
  void cutConnections() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    cutConnections();
    release();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      Socket service = new Socket();
      try {
        service.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
      } catch (IOException e) {
        // The service is down: the client sees its connection refused, as good as.
        closeQuietly(client);
        closeQuietly(service);
        continue;
      }
      sockets.add(client);
      sockets.add(service);
      BlockingQueue<Chunk> answers = new LinkedBlockingQueue<>();
      start("requests", () -> pumpRequests(client, service));
      start("answers-in", () -> readAnswers(service, client, answers));
      start("answers-out", () -> writeAnswers(answers, client, service));
    }
  }

  private void start(String role, Runnable body) {
    Thread thread = new Thread(body, "fault-proxy-" + name + "-" + role);
    thread.setDaemon(true);
    thread.start();
  }

  /** Client to service: forwarded at once; RST_STREAM frames are noted on the way. */
  private void pumpRequests(Socket client, Socket service) {
    FrameReader frames = new FrameReader();
    try (InputStream in = client.getInputStream(); OutputStream out = service.getOutputStream()) {
      byte[] buffer = new byte[16_384];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        frames.accept(buffer, read);
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // Either side went away; both are closed below.
    } finally {
      closeQuietly(client);
      closeQuietly(service);
    }
  }

  /** A piece of an answer and when it may be passed on. */
  private record Chunk(byte[] bytes, long dueNanos, long release) {
    static final Chunk END = new Chunk(new byte[0], 0, 0);
  }

  private void readAnswers(Socket service, Socket client, BlockingQueue<Chunk> answers) {
    try (InputStream in = service.getInputStream()) {
      byte[] buffer = new byte[16_384];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (holding) {
          bytesHeld.addAndGet(read);
        }
        answers.add(new Chunk(Arrays.copyOf(buffer, read), System.nanoTime() + delay.toNanos(), releases));
      }
    } catch (IOException e) {
      // The service's side closed or broke.
    }
    // What the service said before it went away but was not passed on is lost with it.
    answers.clear();
    answers.add(Chunk.END);
    closeQuietly(client);
    closeQuietly(service);
  }

  private void writeAnswers(BlockingQueue<Chunk> answers, Socket client, Socket service) {
    try (OutputStream out = client.getOutputStream()) {
      while (true) {
        Chunk chunk = answers.take();
        if (chunk == Chunk.END) {
          return;
        }
        synchronized (gate) {
          while (!client.isClosed() && chunk.release() == releases
              && (holding || System.nanoTime() < chunk.dueNanos())) {
            long left = holding ? 50 : Math.max(1, (chunk.dueNanos() - System.nanoTime()) / 1_000_000);
            gate.wait(Math.min(left, 50));
          }
        }
        if (client.isClosed()) {
          return;
        }
        out.write(chunk.bytes());
        out.flush();
      }
    } catch (IOException e) {
      // The client went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(client);
      closeQuietly(service);
    }
  }

  private void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing is all that was wanted.
    }
    if (closeable instanceof Socket socket) {
      sockets.remove(socket);
    }
  }

  /**
   * Reads the HTTP/2 frames a client sends, as they pass in pieces of any size: the connection
   * preface, then frames of a 9-byte header (length, type, flags, stream id) and a payload. Only
   * the header and a RST_STREAM's error code are kept; other payloads are skipped.
   */
  private final class FrameReader {
    private final byte[] header = new byte[13];
    private int headerFill;
    private int prefaceLeft = PREFACE.length;
    private long skipLeft;

    void accept(byte[] bytes, int length) {
      int i = 0;
      while (i < length) {
        if (prefaceLeft > 0) {
          int skip = Math.min(prefaceLeft, length - i);
          prefaceLeft -= skip;
          i += skip;
        } else if (skipLeft > 0) {
          int skip = (int) Math.min(skipLeft, length - i);
          skipLeft -= skip;
          i += skip;
        } else {
          header[headerFill++] = bytes[i++];
          if (headerFill == 9 && !isReset()) {
            skipLeft = payloadLength();
            headerFill = 0;
          } else if (headerFill == 13) {
            long code = ((long) u(9) << 24) | (u(10) << 16) | (u(11) << 8) | u(12);
            int stream = ((u(5) & 0x7f) << 24) | (u(6) << 16) | (u(7) << 8) | u(8);
            resets.add(new Reset(System.nanoTime(), stream, code));
            headerFill = 0;
          }
        }
      }
    }

    private boolean isReset() {
      return u(3) == RST_STREAM && payloadLength() == 4;
    }

    private int payloadLength() {
      return (u(0) << 16) | (u(1) << 8) | u(2);
    }

    private int u(int index) {
      return header[index] & 0xff;
    }
  }

  @Override
  public String toString() {
    return "proxy " + name + " :" + port() + " -> :" + targetPort;
  }
}
