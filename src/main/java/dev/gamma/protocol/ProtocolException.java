package dev.gamma.protocol;

/**
 * The one exception every decoder in this package throws for bad input: truncated, too long, or an
 * impossible value. It carries no stack trace because hostile clients can make it cheap to trigger.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
