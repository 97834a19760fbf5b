package cx.runtime.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How callers prove who they are ({@code cx.auth.*}).
 *
 * @param hmacKey the base64 HMAC-SHA256 key (at least 32 bytes) that signs and verifies the
 *     platform's tokens: those {@code bin/cx token} prints, and the service tokens the platform's
 *     processes call each other with. Every process of one deployment has the same key.
 * @param issuer the {@code iss} every accepted token carries
 * @param audience a value the {@code aud} of every accepted token contains
 * @param jwkSetUri when set, people's tokens may also be signed by the identity provider whose
 *     JSON Web Key Set is here (RS256/ES256); service tokens stay HMAC-signed
 * @param serviceTokenLifetime how long a service token this process mints is valid
 */
@ConfigurationProperties("cx.auth")
public record AuthProperties(
    String hmacKey,
    @DefaultValue("cx-local") String issuer,
    @DefaultValue("cx-platform") String audience,
    String jwkSetUri,
    @DefaultValue("5m") Duration serviceTokenLifetime) {
}
