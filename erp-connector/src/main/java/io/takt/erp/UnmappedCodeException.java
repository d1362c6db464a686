package io.takt.erp;

/** An ERP code the identity mapping does not know: the order goes to the dead-letter topic. */
final class UnmappedCodeException extends RuntimeException {

    /** Dead-letter reason of an order with an unmapped code. */
    static final String REASON = "unmapped-code";

    UnmappedCodeException(String message) {
        super(message);
    }
}
