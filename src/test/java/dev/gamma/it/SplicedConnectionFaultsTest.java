package dev.gamma.it;

/** {@link ConnectionFaultsTest}'s faults, with raw sessions moved by splice(2) once their login is over. */
class SplicedConnectionFaultsTest extends ConnectionFaultsTest {
    @Override
    String relay() {
        return "relay: {splice: true}";
    }
}
