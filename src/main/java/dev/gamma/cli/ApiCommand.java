package dev.gamma.cli;

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
            err.println(failure.getMessage());
            failure.problems().forEach(problem -> err.println("  " + problem));
            err.flush();
            return Main.FAILED;
        }
    }

    abstract int run(AdminApi api);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
