package cx.gateway.auth;

import cx.common.v1.CallerRole;

/**
 * The caller of an HTTP request, as their verified bearer token says.
 *
 * @param role the caller's role
 * @param subject a customer's own customer id; an agent's or admin's user id
 * @param authorization the request's {@code Authorization} value, passed on to the services
 *     so that each checks the caller itself
 */
public record Caller(CallerRole role, String subject, String authorization) {
}
