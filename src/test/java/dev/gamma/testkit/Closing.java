package dev.gamma.testkit;

/** Closes what a test opened. */
public final class Closing {
    private Closing() {}

    /**
     * Closes each of {@code closeables} in order, skipping those never opened (null); every one is tried, and the
     * first failure is thrown once they all were.
     */
    public static void all(AutoCloseable... closeables) throws Exception {
        Exception first = null;
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
