package dev.gamma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ClusterRejectionsTest {

    @Test
    void everyRejectionCountsButEachSourceIsLoggedOnceAMinuteWithWhatWasLeftOut() {
        AtomicLong nanos = new AtomicLong(1);
        ClusterRejections rejections = new ClusterRejections(nanos::get);
        ListAppender<ILoggingEvent> log = capture();
        for (int i = 0; i < 5; i++) {
            rejections.reject(ClusterRejections.Kind.ROUTE, "member [10.0.0.9]:5701", "entry a of gamma-routes",
                    "does not authenticate");
        }
        rejections.reject(ClusterRejections.Kind.ROUTE, "member [10.0.0.8]:5701", "entry a", "does not authenticate");
        rejections.reject(ClusterRejections.Kind.PLAYER, "member [10.0.0.9]:5701", "entry p", "does not authenticate");
        nanos.addAndGet(61_000_000_000L);
        rejections.reject(ClusterRejections.Kind.ROUTE, "member [10.0.0.9]:5701", "entry a", "does not authenticate");
        assertThat(rejections.count(ClusterRejections.Kind.ROUTE)).isEqualTo(7);
        assertThat(rejections.count(ClusterRejections.Kind.PLAYER)).isEqualTo(1);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "cluster: rejected entry a of gamma-routes from member [10.0.0.9]:5701: does not authenticate",
                "cluster: rejected entry a from member [10.0.0.8]:5701: does not authenticate",
                "cluster: rejected entry p from member [10.0.0.9]:5701: does not authenticate",
                "cluster: rejected entry a from member [10.0.0.9]:5701: does not authenticate"
                        + " (4 more not logged in the last minute)");
    }

    @Test
    void networkTextIsEscapedSoItCannotForgeALine() {
        ListAppender<ILoggingEvent> log = capture();
        new ClusterRejections().reject(ClusterRejections.Kind.COMMAND, "the event bus",
                "a command claiming to be from x\n12:00:00 INFO kicked everyone", "its MAC is wrong");
        assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .doesNotContain("\n").contains("x\\u000a12:00:00");
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(ClusterRejections.class)).addAppender(appender);
        return appender;
    }
}
