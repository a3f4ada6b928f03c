package dev.gamma.config;

/**
 * @param splice move raw sessions' bytes between the sockets in the kernel (Linux epoll only); faster for bulk
 *               traffic, but a spliced session's byte counts stop growing once splicing starts
 */
public record RelayConfig(boolean splice) {}
