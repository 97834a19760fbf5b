package cx.gateway.transcoding;

/** The catalog of the real contracts, for tests outside this package. */
public final class ContractCatalogFixture {

  private ContractCatalogFixture() {
  }

  public static ContractCatalog contracts() {
    return ContractCatalog.of(TranscodingConfiguration.CONTRACTS);
  }
}
