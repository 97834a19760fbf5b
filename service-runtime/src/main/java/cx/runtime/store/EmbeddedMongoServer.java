package cx.runtime.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local default store: a MongoDB-wire server inside the service's own process, bound to
 * the loopback interface on a free port. The service talks to it through the official driver
 * exactly as it would to a real MongoDB.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongoServer(MongoBackend backend) {
    this.server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    this.address = server.getLocalAddress();
  }

  /** Starts a server that keeps its data in one file under {@code directory}. */
  public static EmbeddedMongoServer onDisk(Path directory, String database) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + directory, e);
    }
    Path file = directory.resolve(database + ".mv");
    log.info("Embedded store keeps its data in {}", file.toAbsolutePath());
    return new EmbeddedMongoServer(new DurableH2Backend(file.toString()));
  }

  /** Starts a server whose data lives only as long as the process (for tests). */
  public static EmbeddedMongoServer inMemory() {
    return new EmbeddedMongoServer(new UniqueKeyH2Backend(MVStore.open(null)));
  }

  /** The connection string of this server for the official driver. */
  public String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  @Override
  public void close() {
    // Shutting the server down closes its backend, which commits and closes the H2 file.
    server.shutdown();
  }
}
