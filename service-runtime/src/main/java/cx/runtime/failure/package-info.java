/**
 * The failures a domain can report. Plain Java with no framework types, so that every
 * service's {@code domain} package may use them.
 */
package cx.runtime.failure;
