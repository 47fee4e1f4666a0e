package dev.rotor.report;

import dev.rotor.config.ReportSettings;
import dev.rotor.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, generates and uses the Ed25519 keys that sign report manifests, with the JDK's own
 * provider. Keys are PEM files: the private key PKCS#8 ({@code PRIVATE KEY}), the public key X.509
 * ({@code PUBLIC KEY}). The private key never reaches a log or an exception message.
 */
public final class ReportKeys {
  /** The name of the generated private key under the keys folder. */
  public static final String PRIVATE_FILE = "report-signing.key";

  /** The name of the generated public key under the keys folder. */
  public static final String PUBLIC_FILE = "report-signing.pub";

  private static final Logger log = LoggerFactory.getLogger(ReportKeys.class);
  private static final String ALGORITHM = "Ed25519";

  private ReportKeys() {}

  /** Returns the public key {@code rotor report verify} uses when none is given. */
  public static Path defaultPublicKey(ReportSettings settings) {
    Path configured = settings.publicKey();
    return configured != null ? configured : settings.keysDir().resolve(PUBLIC_FILE);
  }

  /**
   * Returns the configured signing key, or the generated one under the keys folder, generating the
   * pair there (private key readable by its owner only) the first time.
   */
  static synchronized PrivateKey signingKey(ReportSettings settings) {
    Secret configured = settings.signingKey();
    if (configured != null) {
      return privateKey(configured.reveal(), configured.origin());
    }
    Path privateFile = settings.keysDir().resolve(PRIVATE_FILE);
    if (!Files.exists(privateFile)) {
      generate(settings.keysDir());
    }
    return privateKey(read(privateFile), privateFile.toString());
  }

  private static void generate(Path dir) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      Files.createDirectories(dir);
      Path privateFile = dir.resolve(PRIVATE_FILE);
      writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(dir.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      log.info(
          "generated an Ed25519 report signing key pair private={} (permissions 600) public={}",
          privateFile,
          dir.resolve(PUBLIC_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report signing keys under " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK has no Ed25519 key generator", e);
    }
  }

  private static void writeOwnerOnly(Path file, String text) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE);
  }

  /** Reads an Ed25519 public key from a PEM file. */
  public static PublicKey publicKey(Path file) {
    byte[] der = der(read(file), "PUBLIC KEY", file.toString());
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " is not an Ed25519 public key (X.509 PEM)", e);
    }
  }

  private static PrivateKey privateKey(String pem, String origin) {
    byte[] der = der(pem, "PRIVATE KEY", origin);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          origin + " is not an Ed25519 private key (PKCS#8 PEM); the key was not printed");
    }
  }

  /** Signs {@code data}. */
  static byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with Ed25519", e);
    }
  }

  /** Returns whether {@code signatureBytes} is the signature of {@code data} by {@code key}. */
  static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(String pem, String type, String origin) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(origin + " holds no PEM block '" + begin + "'");
    }
    String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the key file " + file, e);
    }
  }
}
