package dev.gamma.testkit;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * At the end of a test run, lists the tests that were skipped because a tool is missing on this machine (node and
 * the npm peers, haproxy, chromium, tmux, openssl, a Docker engine), grouped by what to install, so that a run
 * that skipped real-peer tests never passes silently.
 */
public final class SkippedToolsSummary implements TestExecutionListener {
    private final Map<String, Integer> skipped = new TreeMap<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            String reason = result.getThrowable().map(Throwable::getMessage).orElse("");
            if (reason != null && reason.contains("needs")) {
                record(reason);
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (reason != null && reason.contains("needs")) {
            record(reason);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        StringBuilder summary = new StringBuilder("\nTests skipped for a missing tool on this machine:\n");
        skipped.forEach((reason, n) -> summary.append("  ").append(n)
                .append(n == 1 ? " test or class: " : " tests or classes: ").append(reason).append('\n'));
        System.out.println(summary);
    }

    private synchronized void record(String reason) {
        String firstLine = reason.lines().findFirst().orElse(reason)
                .replaceFirst("^Assumption failed: (assumption is not true)?", "").strip();
        skipped.merge(firstLine, 1, Integer::sum);
    }
}
