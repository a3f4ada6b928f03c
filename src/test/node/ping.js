'use strict'
// A modern (1.7+) status ping: the Handshake carries --fake-host, the TCP connection goes to --host:--port.
// Prints one line, {"event":"status","response":{...},"latency":ms} or {"event":"error","message":...}.

const net = require('net')
const { mc, parseArgs, emit, exit, errorMessage } = require('./common')

let done = false
function finish (line, code) {
  if (done) return
  done = true
  emit(line)
  exit(code)
}

process.on('uncaughtException', (err) => finish({ event: 'error', message: errorMessage(err) }, 1))

try {
  const args = parseArgs()
  if (!args.port) throw new Error('--port is required')
  const host = args.host ?? '127.0.0.1'
  const port = Number(args.port)
  const fakeHost = args['fake-host'] ?? host
  const timeoutMs = Number(args.timeout ?? 10000)
  mc.ping({
    host: fakeHost, // nmp writes `host` into the Handshake ...
    port,
    version: args.version,
    closeTimeout: timeoutMs,
    noPongTimeout: Math.min(timeoutMs, 5000),
    // ... and we choose where to connect, from --local-address if given
    connect: (client) => client.setSocket(net.connect({ port, host, localAddress: args['local-address'] }))
  }).then((response) => {
    const { latency, ...status } = response
    finish({ event: 'status', response: status, latency: latency ?? null }, 0)
  }, (err) => finish({ event: 'error', message: errorMessage(err) }, 1))
} catch (err) {
  finish({ event: 'error', message: errorMessage(err) }, 1)
}
