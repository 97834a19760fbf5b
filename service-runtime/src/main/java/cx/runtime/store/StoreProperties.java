package cx.runtime.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service keeps its data.
 *
 * @param uri a MongoDB connection string; when empty the service starts the embedded
 *     MongoDB-wire server instead
 * @param database the service's own database name
 * @param dataDirectory where the embedded server keeps its file; empty keeps it in memory
 *     (tests), so nothing survives a restart
 */
@ConfigurationProperties("cx.store")
public record StoreProperties(String uri, String database, String dataDirectory) {

  public boolean embedded() {
    return uri == null || uri.isBlank();
  }
}
