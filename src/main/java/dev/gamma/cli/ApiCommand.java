package dev.gamma.cli;

import dev.gamma.client.AdminApi;
import dev.gamma.client.ApiFailure;
import dev.gamma.client.Formats;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that calls a node's admin API: a failed call is one message on stderr and exit code 1. */
abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    ApiOptions apiOptions;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        AdminApi api = apiOptions.client();
        try {
            return run(api);
        } catch (ApiFailure failure) {
            PrintWriter err = err();
            // the message may quote what the node was sent or answered
            err.println(Formats.printable(failure.getMessage()));
            failure.problems().forEach(problem -> err.println("  " + Formats.printable(problem)));
            err.flush();
            return Main.FAILED;
        }
    }

    abstract int run(AdminApi api);

    /** Prints the API's JSON answer as it is, but for characters a terminal would act on (see {@link Formats}). */
    int printJson(String json) {
        out().println(Formats.printableJson(json));
        out().flush();
        return 0;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
