package cx.returns.domain;

/**
 * What one parcel brought back of one return line.
 *
 * @param receivedQuantity the units in this parcel
 * @param damagedQuantity of those, the units that arrived damaged
 */
public record ReceivedUnits(String orderLineId, int receivedQuantity, int damagedQuantity) {
}
