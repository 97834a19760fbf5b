package cx.returns.domain;

/**
 * The finding of an inspection on one return line.
 *
 * @param acceptedQuantity the received units that are accepted for settlement
 * @param condition the condition the goods were found in
 */
public record InspectedUnits(String orderLineId, int acceptedQuantity, ItemCondition condition) {
}
