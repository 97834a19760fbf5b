package cx.runtime.auth;

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
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies the bearer tokens callers present and mints this process's own service tokens.
 *
 * <p>A token is a JWT with {@code iss}, {@code aud}, {@code sub}, {@code exp} and a {@code role}
 * claim ({@code customer}, {@code agent}, {@code admin} or {@code service}). HMAC-signed tokens
 * (HS256) are checked against the platform's key; when a JWK Set is configured, people's tokens
 * signed by that identity provider are accepted too, but a {@code service} role only ever from an
 * HMAC-signed token. Unsigned tokens ({@code alg: none}) and any other algorithm are refused.
 */
public final class CallerTokens {

  /** The claim that holds the caller's role. */
  public static final String ROLE_CLAIM = "role";

  private final SecretKey key;
  private final AuthProperties properties;
  private final String serviceName;
  private final Clock clock;
  private final JwtDecoder hmacDecoder;
  private final JwtDecoder providerDecoder;
  private final VerifiedTokens<Caller> verified = new VerifiedTokens<>(10_000);
  private volatile MintedToken serviceToken;

  public CallerTokens(AuthProperties properties, String serviceName, Clock clock) {
    this.properties = properties;
    this.serviceName = serviceName;
    this.clock = clock;
    this.key = SigningKey.fromBase64(properties.hmacKey());
    this.hmacDecoder = validated(NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build());
    this.providerDecoder = properties.jwkSetUri() == null || properties.jwkSetUri().isBlank() ? null
        : validated(NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build());
  }

  /** The caller a bearer token proves, or why it proves nothing. */
  public Caller verify(String token) throws InvalidCredentialsException {
    Instant now = clock.instant();
    Caller known = verified.get(token, now);
    if (known != null) {
      return known;
    }
    JwtDecoder decoder;
    try {
      String algorithm = JWTParser.parse(token).getHeader().getAlgorithm().getName();
      boolean hmac = JWSAlgorithm.HS256.getName().equals(algorithm);
      decoder = hmac ? hmacDecoder : providerDecoder;
      if (decoder == null) {
        throw new InvalidCredentialsException("The token's signature algorithm is not accepted.");
      }
      Jwt jwt = decoder.decode(token);
      CallerRole role = roleOf(jwt.getClaimAsString(ROLE_CLAIM));
      if (role == CallerRole.CALLER_ROLE_SERVICE && !hmac) {
        throw new InvalidCredentialsException("A service token must be signed with the platform's key.");
      }
      String subject = jwt.getSubject();
      if (subject == null || subject.isBlank()) {
        throw new InvalidCredentialsException("The token names no subject.");
      }
      Caller caller = new Caller(role, subject);
      verified.put(token, caller, jwt.getExpiresAt(), now);
      return caller;
    } catch (ParseException | JwtException | NullPointerException malformed) {
      throw new InvalidCredentialsException("The token is malformed, expired, or not signed by a trusted key.");
    }
  }

  /** A token for a caller of this role and subject, valid for {@code lifetime}. */
  public String mint(CallerRole role, String subject, Duration lifetime) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(properties.issuer())
        .audience(properties.audience())
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .claim(ROLE_CLAIM, nameOf(role))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(key));
    } catch (JOSEException unusableKey) {
      throw new IllegalStateException("The token signing key cannot sign.", unusableKey);
    }
    return jwt.serialize();
  }

  /** This process's own service token, renewed well before it expires. */
  public String serviceToken() {
    MintedToken current = serviceToken;
    Instant now = clock.instant();
    if (current == null || now.isAfter(current.renewAfter())) {
      Duration lifetime = properties.serviceTokenLifetime();
      current = new MintedToken(mint(CallerRole.CALLER_ROLE_SERVICE, serviceName, lifetime),
          now.plus(lifetime.dividedBy(2)));
      serviceToken = current;
    }
    return current.token();
  }

  /** The role claim's value for a role: {@code customer}, {@code agent}, {@code admin}, {@code service}. */
  public static String nameOf(CallerRole role) {
    return role.name().substring("CALLER_ROLE_".length()).toLowerCase(Locale.ROOT);
  }

  private static CallerRole roleOf(String claim) throws InvalidCredentialsException {
    if (claim != null) {
      for (CallerRole role : List.of(CallerRole.CALLER_ROLE_CUSTOMER, CallerRole.CALLER_ROLE_AGENT,
          CallerRole.CALLER_ROLE_ADMIN, CallerRole.CALLER_ROLE_SERVICE)) {
        if (nameOf(role).equals(claim)) {
          return role;
        }
      }
    }
    throw new InvalidCredentialsException("The token carries no known role.");
  }

  private JwtDecoder validated(NimbusJwtDecoder decoder) {
    OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
        values -> values != null && values.contains(properties.audience()));
    OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>("exp", Objects::nonNull);
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expires, new JwtTimestampValidator(),
        new JwtIssuerValidator(properties.issuer()), audience));
    return decoder;
  }

  private record MintedToken(String token, Instant renewAfter) {
  }
}
