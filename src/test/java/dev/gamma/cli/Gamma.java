package dev.gamma.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code gamma ARGS} in this JVM and keeps what it printed. */
record Gamma(int code, String out, String err) {

    static Gamma run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Gamma(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
}
