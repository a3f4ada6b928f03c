package dev.gamma.config;

/**
 * Where a value came from: a line of the config file, the file as a whole (line 0), or an environment variable.
 */
record Origin(String source, int line, boolean env) {

    static Origin line(String file, int line) {
        return new Origin(file, line, false);
    }

    static Origin file(String file) {
        return new Origin(file, 0, false);
    }

    static Origin env(String variable) {
        return new Origin("env " + variable, 0, true);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
