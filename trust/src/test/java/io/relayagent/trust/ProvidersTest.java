package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvidersTest {

  @Test
  void forSignature_everyBouncyCastleSignature_isStillProvided() {
    Provider full = new BouncyCastleProvider();
    long checked = 0;
    for (Provider.Service service : full.getServices()) {
      if (service.getType().equals("Signature")) {
        String algorithm = service.getAlgorithm();
        assertThat(Providers.forSignature(algorithm).getService("Signature", algorithm))
            .as(algorithm)
            .isNotNull();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"})
  void forSignature_ecdsa_isTheSmallProvider(String algorithm) {
    assertThat(Providers.forSignature(algorithm)).isSameAs(Providers.ecdsa());
  }

  @Test
  void forSignature_ecdsaByOid_isTheSmallProvider() {
    assertThat(Providers.forSignature("1.2.840.10045.4.3.2")).isSameAs(Providers.ecdsa());
  }

  @Test
  void forSignature_rsa_isTheWholeProvider() {
    assertThat(Providers.forSignature("SHA256withRSA").getName()).isEqualTo("BC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA"})
  void ecdsa_signatures_verifyWithTheWholeProviderAndTheJdk(String algorithm)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    byte[] data = "an offer".getBytes(StandardCharsets.UTF_8);

    Signature sign = Signature.getInstance(algorithm, Providers.ecdsa());
    sign.initSign(pair.getPrivate());
    sign.update(data);
    byte[] signature = sign.sign();

    for (Provider verifier : new Provider[] {new BouncyCastleProvider(), Providers.ecdsa()}) {
      Signature check = Signature.getInstance(algorithm, verifier);
      check.initVerify(pair.getPublic());
      check.update(data);
      assertThat(check.verify(signature)).as(verifier.getName()).isTrue();
    }
    Signature jdk = Signature.getInstance(algorithm, "SunEC");
    jdk.initVerify(pair.getPublic());
    jdk.update(data);
    assertThat(jdk.verify(signature)).isTrue();
  }

  @Test
  void ecdsa_alteredData_doesNotVerify() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair pair = generator.generateKeyPair();
    Signature sign = Signature.getInstance("SHA256withECDSA", Providers.ecdsa());
    sign.initSign(pair.getPrivate());
    sign.update(new byte[] {1, 2, 3});
    byte[] signature = sign.sign();

    Signature check = Signature.getInstance("SHA256withECDSA", Providers.ecdsa());
    check.initVerify(pair.getPublic());
    check.update(new byte[] {1, 2, 4});
    assertThat(check.verify(signature)).isFalse();
  }
}
