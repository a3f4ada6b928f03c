'use strict'
// A Minecraft client for tests: node-minecraft-protocol's client in offline mode, pinned to one version,
// reporting what happens as JSON lines on stdout. See README.md for the line protocol.

const net = require('net')
const { mc, parseArgs, emit, exit, readCommands, plainText, errorMessage } = require('./common')

let client = null
let ended = false
let kicked = false
let failed = false

/** Prints the single `end` line and exits: 1 if an error was reported, else 0. */
function finish () {
  if (ended) return
  ended = true
  emit({ event: 'end' })
  exit(failed ? 1 : 0)
}

function fail (err) {
  failed = true
  emit({ event: 'error', message: errorMessage(err) })
}

process.on('uncaughtException', (err) => {
  console.error('[client] uncaught', err)
  fail(err)
  finish()
})

try {
  start(parseArgs())
} catch (err) {
  fail(err)
  finish()
}

function start (args) {
  if (!args.version) throw new Error('--version is required (auto-detection would ping the wrong host)')
  if (!args.port) throw new Error('--port is required')
  const host = args.host ?? '127.0.0.1'
  const port = Number(args.port)
  const fakeHost = args['fake-host']
  const chatLine = args.chat

  client = mc.createClient({
    host,
    port,
    fakeHost,
    version: args.version,
    username: args.username || 'Tester',
    // A chosen --uuid goes into Login Start (1.19.1+) in place of the offline UUID nmp derives from the name.
    auth: args.uuid === undefined ? 'offline' : chosenUuid(args.uuid),
    validateChannelProtocol: false,
    // Connect by IP ourselves: nmp would try an SRV lookup for a name on port 25565.
    // --local-address: the source address (any 127.x.y.z on loopback), to be a client of another address
    connect: (c) => c.setSocket(net.connect({ port, host, localAddress: args['local-address'] }))
  })

  // nmp refuses to create a client without a name; one that sends an empty name is still a test case
  if (args.username === '') client.username = ''

  client.on('connect', () => emit({ event: 'connected' }))
  client.on('login', () => { // Join Game: the server has brought us into play
    emit({ event: 'login' })
    if (chatLine !== undefined) client.chat(chatLine)
  })

  client.on('chat', (packet) => onChat(packet.message)) // before 1.19
  client.on('system_chat', (packet) => onChat(packet.content)) // 1.19+
  client.on('player_chat', (packet) => onChat(packet.unsignedChatContent ?? packet.formattedMessage ??
    packet.signedChatContent ?? packet.plainMessage))
  client.on('profileless_chat', (packet) => onChat(packet.message))

  client.on('disconnect', (packet) => onKicked(packet.reason)) // login and configuration
  client.on('kick_disconnect', (packet) => onKicked(packet.reason)) // play
  client.on('error', (err) => {
    console.error('[client] error', err)
    fail(err)
  })
  client.on('end', (reason) => {
    if (reason) console.error('[client] end:', reason)
    finish()
  })

  readCommands((cmd) => {
    switch (cmd.cmd) {
      case 'chat': return client.chat(String(cmd.text))
      case 'quit': return quit()
      default: emit({ event: 'error', message: 'unknown command: ' + cmd.cmd })
    }
  }, quit)
}

function chosenUuid (uuid) {
  return (client, options) => {
    client.username = options.username
    client.uuid = uuid
    options.connect(client)
  }
}

function onChat (content) {
  emit({ event: 'chat', text: plainText(content) })
}

function onKicked (reason) {
  if (kicked) return
  kicked = true
  emit({ event: 'kicked', reason: plainText(reason), state: client.state })
}

function quit () {
  if (client) client.end('quit')
  // The server normally closes its side at once; do not wait for a stuck one.
  setTimeout(finish, 2000)
  if (!client) finish()
}
