package cx.runtime.store;

import de.bwaldvogel.mongo.bson.Document;

/** How the embedded store's H2 file keeps the documents of a collection: as BSON. */
final class DocumentType extends BsonDataType<Document> {

  @Override
  Document toDocument(Document value) {
    return value;
  }

  @Override
  Document fromDocument(Document document) {
    return document;
  }

  @Override
  public int compare(Document a, Document b) {
    // Values are only ever compared for equality (a conditional replace).
    return a.equals(b) ? 0 : Integer.compare(System.identityHashCode(a), System.identityHashCode(b));
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }
}
