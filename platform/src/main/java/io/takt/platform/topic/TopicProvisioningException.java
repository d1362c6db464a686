package io.takt.platform.topic;

/** Takt's topics could not be created or inspected; the message says why and what to change. */
public class TopicProvisioningException extends RuntimeException {

    public TopicProvisioningException(String message) {
        super(message);
    }

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
