package cx.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import cx.common.v1.CallerRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

class PlatformTokensTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private final PlatformTokens tokens = new PlatformTokens(Base64.getEncoder().encodeToString(KEY), "cx-local",
      "cx-platform", "", Duration.ofMinutes(5), Clock.systemUTC());

  @Test
  void aPersonsTokenNamesTheirRoleAndSubject() throws Exception {
    Jwt jwt = tokens.decoder().decode(signed(KEY, claims("customer", "k3j9x2m8", 600).build())).block();

    Caller caller = PlatformTokens.callerOf(jwt);
    assertThat(caller.role()).isEqualTo(CallerRole.CALLER_ROLE_CUSTOMER);
    assertThat(caller.subject()).isEqualTo("k3j9x2m8");
    assertThat(caller.authorization()).startsWith("Bearer ey");
  }

  @Test
  void tokensThatProveNothingAreRefused() throws Exception {
    byte[] otherKey = "another-key-another-key-another-k".getBytes();
    for (String token : new String[] {
        "garbage",
        signed(KEY, claims("agent", "a", -600).build()),
        signed(KEY, claims("agent", "a", 600).issuer("elsewhere").build()),
        signed(KEY, claims("agent", "a", 600).audience("other-api").build()),
        signed(KEY, new JWTClaimsSet.Builder(claims("agent", "a", 600).build()).expirationTime(null).build()),
        signed(KEY, claims("agent", "", 600).build()),
        signed(otherKey, claims("agent", "a", 600).build()),
        signed(KEY, claims("service", "gateway", 600).build()),
        signed(KEY, claims("root", "a", 600).build()),
        new PlainJWT(new PlainHeader(), claims("admin", "a", 600).build()).serialize()}) {
      assertThatThrownBy(() -> tokens.decoder().decode(token).block()).as(token).isInstanceOf(JwtException.class);
    }
  }

  @Test
  void aTokenAcceptedBeforeVouchesOnlyForItsExactBytes() throws Exception {
    String genuine = signed(KEY, claims("agent", "a", 600).build());
    assertThat(tokens.decoder().decode(genuine).block().getSubject()).isEqualTo("a");
    assertThat(tokens.decoder().decode(genuine).block().getSubject()).isEqualTo("a");

    String[] parts = genuine.split("\\.");
    String forgedClaims = signed(KEY, claims("admin", "a", 600).build()).split("\\.")[1];
    // The signature's first character, not its last: the last of 43 base64url characters carries
    // two unused bits, so changing it may leave the signature's bytes as they were.
    char first = parts[2].charAt(0);
    for (String token : new String[] {
        parts[0] + "." + forgedClaims + "." + parts[2],
        parts[0] + "." + parts[1] + "." + (first == 'A' ? 'B' : 'A') + parts[2].substring(1)}) {
      assertThatThrownBy(() -> tokens.decoder().decode(token).block()).as(token).isInstanceOf(JwtException.class);
    }
  }

  @Test
  void theGatewaysOwnServiceTokenIsReusedUntilHalfItsLifeHasPassed() throws Exception {
    String first = tokens.serviceToken();
    assertThat(tokens.serviceToken()).isEqualTo(first);
    JWTClaimsSet claims = SignedJWT.parse(first).getJWTClaimsSet();
    assertThat(claims.getStringClaim("role")).isEqualTo("service");
    assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(240));
    assertThat(SignedJWT.parse(first).verify(new com.nimbusds.jose.crypto.MACVerifier(KEY))).isTrue();
  }

  @Test
  void aMissingOrShortKeyStopsStartUpWithAClearMessage() {
    assertThatThrownBy(() -> new PlatformTokens("", "i", "a", "", Duration.ofMinutes(5), Clock.systemUTC()))
        .hasMessageContaining("CX_AUTH_HMAC_KEY");
    assertThatThrownBy(() -> new PlatformTokens(Base64.getEncoder().encodeToString(new byte[8]), "i", "a", "",
        Duration.ofMinutes(5), Clock.systemUTC())).hasMessageContaining("at least 32 bytes");
  }

  private static JWTClaimsSet.Builder claims(String role, String subject, long expiresInSeconds) {
    return new JWTClaimsSet.Builder().issuer("cx-local").audience("cx-platform").subject(subject).claim("role", role)
        .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)));
  }

  private static String signed(byte[] key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }
}
