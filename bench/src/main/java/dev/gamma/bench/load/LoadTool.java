package dev.gamma.bench.load;

/** The benchmark's load generator (placeholder until the tool lands). */
public final class LoadTool {
    private LoadTool() {}

    public static void main(String[] args) {
        System.out.println("gamma bench load tool");
    }
}
