package dev.gamma.client;

import java.util.List;

/** An admin API call that did not do what was asked; the message says what to do about it. */
public final class ApiFailure extends RuntimeException {
    private final int status;
    private final List<String> problems;

    /** @param status the HTTP status, or 0 when no answer came */
    public ApiFailure(int status, String message, List<String> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    /** The API's list of problems (an invalid route lists each), empty otherwise. */
    public List<String> problems() {
        return problems;
    }
}
