package io.takt.acquisition.opcua;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** The SHA-1 thumbprint of a certificate, the fingerprint an integrator compares before trusting it. */
final class Thumbprint {

    private Thumbprint() {
    }

    /** Colon-separated upper-case hex, e.g. {@code 3F:A2:...}, as OPC UA tools and openssl print it. */
    static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint certificate " + certificate.getSubjectX500Principal(), e);
        }
    }
}
