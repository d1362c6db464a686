package io.takt.acquisition.opcua;

import io.takt.platform.config.Password;
import java.nio.file.Path;
import java.util.Objects;

/** Who the gateway says it is when it activates a session: the OPC UA user identity token. */
public sealed interface OpcUaIdentity {

    /** Short name for logs and status: {@code anonymous}, {@code username}, {@code certificate}. */
    String kind();

    /** Whether this identity carries a secret that must never cross an unencrypted channel. */
    default boolean carriesCredentials() {
        return true;
    }

    /** No user: the server decides what anonymous may read. */
    static OpcUaIdentity anonymous() {
        return Anonymous.INSTANCE;
    }

    /** A user name and password; the password stays masked in logs. */
    static OpcUaIdentity username(String username, Password password) {
        return new Username(username, password);
    }

    /** An X.509 user certificate with its private key, both files (PEM or DER). */
    static OpcUaIdentity certificate(Path certificateFile, Path privateKeyFile) {
        return new UserCertificate(certificateFile, privateKeyFile);
    }

    /** The anonymous identity token. */
    enum Anonymous implements OpcUaIdentity {
        INSTANCE;

        @Override
        public String kind() {
            return "anonymous";
        }

        @Override
        public boolean carriesCredentials() {
            return false;
        }
    }

    /** The user name identity token. */
    record Username(String username, Password password) implements OpcUaIdentity {
        public Username {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String kind() {
            return "username";
        }

        @Override
        public String toString() {
            return "username " + username;
        }
    }

    /** The X.509 identity token. */
    record UserCertificate(Path certificateFile, Path privateKeyFile) implements OpcUaIdentity {
        public UserCertificate {
            Objects.requireNonNull(certificateFile, "certificateFile");
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        }

        @Override
        public String kind() {
            return "certificate";
        }
    }
}
