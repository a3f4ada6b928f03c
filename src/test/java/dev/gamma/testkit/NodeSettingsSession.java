package dev.gamma.testkit;

import dev.gamma.node.NettySettings;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Applies the Netty settings a node starts with ({@link NettySettings}) before any test loads a Netty transport, so
 * that nodes deployed in the test JVM run on the same io_uring as {@code gamma run}.
 */
public final class NodeSettingsSession implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NettySettings.apply();
    }
}
