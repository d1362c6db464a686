package io.takt.acquisition.opcua;

import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/** OPC UA message security mode of the secure channel. */
public enum MessageSecurity {
    /** Only with security policy NONE. */
    NONE(MessageSecurityMode.None),
    /** Messages signed, readable on the wire. */
    SIGN(MessageSecurityMode.Sign),
    /** Messages signed and encrypted. */
    SIGN_AND_ENCRYPT(MessageSecurityMode.SignAndEncrypt);

    private final MessageSecurityMode milo;

    MessageSecurity(MessageSecurityMode milo) {
        this.milo = milo;
    }

    /** Milo's constant for this mode. */
    public MessageSecurityMode milo() {
        return milo;
    }
}
