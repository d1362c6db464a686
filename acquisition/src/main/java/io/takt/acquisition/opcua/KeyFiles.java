package io.takt.acquisition.opcua;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads and writes certificates and private keys as PEM or DER files, the forms integrators hand over. */
final class KeyFiles {

    private KeyFiles() {
    }

    /** An X.509 certificate from a PEM or DER file. */
    static X509Certificate readCertificate(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException("Not an X.509 certificate (PEM or DER): " + file, e);
        }
    }

    /** An unencrypted private key from a PEM (PKCS#8 or PKCS#1) or DER (PKCS#8) file. */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return fromPkcs8(bytes, file);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (pem instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException("No unencrypted private key in " + file
                    + " (encrypted keys are not supported: decrypt it with openssl pkcs8 first)");
        }
    }

    /** Writes the certificate as DER, the format OPC UA trust lists exchange. */
    static void writeCertificate(X509Certificate certificate, Path file) throws IOException {
        try {
            Files.write(file, certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException("Cannot encode certificate for " + file, e);
        }
    }

    /** Writes the key as PKCS#8 PEM, readable only by the owner where the file system allows it. */
    static void writePrivateKey(PrivateKey key, Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own protection has to do.
        }
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
    }

    private static PrivateKey fromPkcs8(byte[] der, Path file) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("Not a PKCS#8 RSA private key (DER): " + file, e);
        }
    }
}
