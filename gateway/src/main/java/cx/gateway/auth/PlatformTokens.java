package cx.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import cx.access.SigningKey;
import cx.access.VerifiedTokens;
import cx.common.v1.CallerRole;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The platform's tokens as the gateway sees them: it verifies people's bearer tokens (HS256 with
 * the platform's key, or, when configured, an identity provider's JWK Set) and mints its own
 * service token for the calls it makes on the platform's behalf (the history's fan-out).
 * Services verify the same tokens with the same rules; a {@code service} token is never accepted
 * from outside.
 */
public final class PlatformTokens {

  /** The claim that holds the caller's role. */
  public static final String ROLE_CLAIM = "role";

  private final SecretKey key;
  private final String issuer;
  private final String audience;
  private final Duration serviceTokenLifetime;
  private final Clock clock;
  private final ReactiveJwtDecoder hmac;
  private final ReactiveJwtDecoder provider;
  private final VerifiedTokens<Jwt> verified = new VerifiedTokens<>(10_000);
  private volatile Minted serviceToken;

  public PlatformTokens(String base64Key, String issuer, String audience, String jwkSetUri, Duration serviceTokenLifetime,
      Clock clock) {
    this.key = SigningKey.fromBase64(base64Key);
    this.issuer = issuer;
    this.audience = audience;
    this.serviceTokenLifetime = serviceTokenLifetime;
    this.clock = clock;
    this.hmac = validated(NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build());
    this.provider = jwkSetUri == null || jwkSetUri.isBlank() ? null
        : validated(NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build());
  }

  /** The decoder of people's bearer tokens; a token it verified before is not verified again. */
  public ReactiveJwtDecoder decoder() {
    return token -> {
      Instant now = clock.instant();
      Jwt known = verified.get(token, now);
      if (known != null) {
        return Mono.just(known);
      }
      String algorithm;
      try {
        algorithm = JWTParser.parse(token).getHeader().getAlgorithm().getName();
      } catch (ParseException | NullPointerException malformed) {
        return Mono.error(new BadJwtException("The token is malformed."));
      }
      ReactiveJwtDecoder decoder = JWSAlgorithm.HS256.getName().equals(algorithm) ? hmac : provider;
      if (decoder == null) {
        return Mono.error(new BadJwtException("The token's signature algorithm is not accepted."));
      }
      return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt, jwt.getExpiresAt(), now));
    };
  }

  /** The caller a verified token names. */
  public static Caller callerOf(Jwt jwt) {
    return new Caller(roleOf(jwt.getClaimAsString(ROLE_CLAIM)), jwt.getSubject(), "Bearer " + jwt.getTokenValue());
  }

  /** The gateway's own service token, renewed well before it expires. */
  public String serviceToken() {
    Minted current = serviceToken;
    Instant now = clock.instant();
    if (current == null || now.isAfter(current.renewAfter())) {
      current = new Minted(mint(now), now.plus(serviceTokenLifetime.dividedBy(2)));
      serviceToken = current;
    }
    return current.token();
  }

  private String mint(Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("gateway")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(serviceTokenLifetime)))
        .claim(ROLE_CLAIM, "service").build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(key));
    } catch (JOSEException unusable) {
      throw new IllegalStateException("The token signing key cannot sign.", unusable);
    }
    return jwt.serialize();
  }

  private ReactiveJwtDecoder validated(NimbusReactiveJwtDecoder decoder) {
    OAuth2TokenValidator<Jwt> audiences = new JwtClaimValidator<List<String>>("aud",
        values -> values != null && values.contains(audience));
    OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>("exp", Objects::nonNull);
    OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<String>("sub", value -> value != null && !value.isBlank());
    OAuth2TokenValidator<Jwt> person = jwt -> roleOf(jwt.getClaimAsString(ROLE_CLAIM)) == CallerRole.CALLER_ROLE_UNSPECIFIED
        ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token carries no role a person may have.", null))
        : OAuth2TokenValidatorResult.success();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expires, new JwtTimestampValidator(),
        new JwtIssuerValidator(issuer), audiences, subject, person));
    return decoder;
  }

  /** A person's role from the claim; anything else, a service's role included, is no role. */
  static CallerRole roleOf(String claim) {
    if (claim == null) {
      return CallerRole.CALLER_ROLE_UNSPECIFIED;
    }
    return switch (claim.toLowerCase(Locale.ROOT).equals(claim) ? claim : "") {
      case "customer" -> CallerRole.CALLER_ROLE_CUSTOMER;
      case "agent" -> CallerRole.CALLER_ROLE_AGENT;
      case "admin" -> CallerRole.CALLER_ROLE_ADMIN;
      default -> CallerRole.CALLER_ROLE_UNSPECIFIED;
    };
  }

  private record Minted(String token, Instant renewAfter) {
  }
}
