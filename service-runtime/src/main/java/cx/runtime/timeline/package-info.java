/**
 * Each customer's history as a service keeps it. Plain Java, so that every service's
 * {@code domain} package may emit events; the MongoDB implementation is
 * {@link cx.runtime.store.MongoCustomerEventLog}.
 */
package cx.runtime.timeline;
