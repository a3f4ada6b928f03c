'use strict'
// A Minecraft backend for tests: node-minecraft-protocol's server, brought to the play state, that echoes
// chat and reports what it sees as JSON lines on stdout. See README.md for the line protocol.

const {
  mc, mcDataFor, fromNmp, parseArgs, emit, exit, readCommands, component, offlineUuid, errorMessage
} = require('./common')

const args = parseArgs()
const host = args.host ?? '127.0.0.1'
const port = Number(args.port ?? 0)
const version = args.version === undefined || args.version === 'false' ? false : args.version
const onlineMode = args['online-mode'] === 'true'
const maxPlayers = Number(args['max-players'] ?? 20)
const label = args.name ?? null
const compressionThreshold = args['compression-threshold'] === undefined
  ? undefined
  : Number(args['compression-threshold'])

if (onlineMode) stubSessionServer()

process.on('uncaughtException', (err) => {
  console.error('[server] uncaught', err)
  emit({ event: 'error', message: errorMessage(err) })
})

const server = startServer({
  host,
  port,
  version,
  motd: args.motd ?? 'A Gamma test backend',
  maxPlayers,
  'online-mode': onlineMode,
  validateChannelProtocol: false,
  beforePing: (response, client) => {
    emit({ event: 'ping', host: client.serverHost, protocol: client.protocolVersion })
    return response
  },
  beforeLogin: (client) => adjustLoginWrites(client),
  errorHandler: (client, err) => {
    console.error(`[server] ${client.username ?? 'connection'}: ${errorMessage(err)}`)
    client.end(errorMessage(err))
  }
})

function startServer (options) {
  try {
    return mc.createServer(options)
  } catch (err) {
    emit({ event: 'error', message: errorMessage(err) })
    process.exit(1)
  }
}

// The RSA key pair is generated lazily on the first encrypted login; do it now, off the login path.
if (onlineMode) void server.serverKey

server.on('listening', () => emit({ event: 'listening', port: server.socketServer.address().port }))
server.on('error', (err) => {
  emit({ event: 'error', message: errorMessage(err) })
  exit(1)
})

server.on('connection', (client) => {
  client.on('end', (reason) => {
    if (client.username !== undefined) emit({ event: 'end', username: client.username, reason: String(reason ?? '') })
  })
})

server.on('playerJoin', (client) => {
  const mcData = mcDataFor(client.version)
  client.write('login', joinGame(client, mcData))
  client.write('position', {
    x: 0, y: 64, z: 0, dx: 0, dy: 0, dz: 0, yaw: 0, pitch: 0, flags: 0, teleportId: 1, dismountVehicle: false, onGround: true
  })
  emit({
    event: 'login',
    username: client.username,
    uuid: client.uuid,
    host: client.serverHost,
    protocol: client.protocolVersion,
    version: mcData.version.minecraftVersion,
    name: label,
    encrypted: client.cipher != null,
    compressionThreshold: client.compressor == null ? -1 : client.compressor.compressionThreshold
  })
  const onChat = (message) => {
    emit({ event: 'chat', username: client.username, message })
    sendChat(client, 'echo: ' + message)
  }
  client.on('chat', (packet) => onChat(packet.message)) // before 1.19
  client.on('chat_message', (packet) => onChat(packet.message)) // 1.19+
  client.on('chat_command', (packet) => onChat('/' + packet.command)) // 1.19+, text started with '/'
  client.on('chat_command_signed', (packet) => onChat('/' + packet.command)) // 1.20.5+
})

if (args.serve === 'true') {
  // A long-lived server (a container's main process): no commands on stdin; SIGTERM or SIGINT stops it.
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
} else {
  readCommands((cmd) => {
    switch (cmd.cmd) {
      case 'say': return sendChat(player(cmd.username), String(cmd.text))
      case 'kick': return kick(player(cmd.username), String(cmd.reason ?? 'Kicked'))
      case 'quit': return shutdown()
      default: emit({ event: 'error', message: 'unknown command: ' + cmd.cmd })
    }
  }, shutdown)
}

/** Join Game for the client's own version (with `version: false` each client may differ). */
function joinGame (client, mcData) {
  const common = { entityId: client.id, maxPlayers: Math.min(maxPlayers, 255) }
  if (mcData.loginPacket) return { ...mcData.loginPacket, ...common } // 1.16+
  // Before 1.16 minecraft-data has no template; maxPlayers is an unsigned byte there.
  return {
    ...common,
    gameMode: 0,
    dimension: 0,
    difficulty: 2,
    levelType: 'default',
    reducedDebugInfo: false,
    viewDistance: 10,
    hashedSeed: [0, 0],
    enableRespawnScreen: true
  }
}

/** Sends a system message: the `chat` packet before 1.19, `system_chat` (JSON, NBT from 1.20.3) after. */
function sendChat (client, text) {
  const mcData = mcDataFor(client.version)
  if (mcData.protocol.play.toClient.types.packet_system_chat) {
    // 1.19 has a `type` (1 = system), later versions an `isActionBar` flag.
    client.write('system_chat', { content: component(mcData, text), type: 1, isActionBar: false })
  } else {
    client.write('chat', { message: JSON.stringify({ text }), position: 1, sender: '00000000-0000-0000-0000-000000000000' })
  }
}

/** Ends a player's connection with a reason in the packet its state expects. */
function kick (client, reason) {
  const mcData = mcDataFor(client.version)
  if (client.state === 'configuration') {
    client.write('disconnect', { reason: component(mcData, reason) })
    client.end(reason)
  } else if (client.state === 'play') {
    client.end(reason, component(mcData, reason))
  } else {
    client.end(reason) // login: nmp writes a JSON Disconnect
  }
}

function player (username) {
  const found = Object.values(server.clients).find((c) => c.username === username)
  if (!found) throw new Error('no player named ' + username)
  return found
}

/**
 * Per-client write adjustments, installed before nmp writes Set Compression and Login Success:
 * - `--compression-threshold`: replace nmp's fixed threshold 256 (-1 = send no Set Compression at all);
 * - registry data for the client's own version (with `version: false` nmp would send the data of its
 *   default version to every client).
 */
function adjustLoginWrites (client) {
  const write = client.write.bind(client)
  let registrySent = false
  client.write = (name, params) => {
    if (name === 'compress' && compressionThreshold !== undefined) {
      if (compressionThreshold < 0) return
      return write(name, { threshold: compressionThreshold })
    }
    if (name === 'registry_data') {
      if (registrySent) return
      registrySent = true
      return writeRegistry(client, write)
    }
    return write(name, params)
  }
  if (compressionThreshold !== undefined) {
    // nmp sets `client.compressionThreshold = 256` right after writing Set Compression.
    Object.defineProperty(client, 'compressionThreshold', {
      configurable: true,
      get: () => (client.compressor == null ? -2 : client.compressor.compressionThreshold),
      set: () => { if (compressionThreshold >= 0) client.setCompressionThreshold(compressionThreshold) }
    })
  }
}

function writeRegistry (client, write) {
  const mcData = mcDataFor(client.version)
  const codec = mcData.registryCodec || mcData.loginPacket?.dimensionCodec
  if (mcData.supportFeature('segmentedRegistryCodecData')) { // 1.20.5+: one packet per registry
    for (const key in codec) write('registry_data', codec[key])
  } else {
    write('registry_data', { codec: codec || {} })
  }
}

/**
 * Online mode without internet: replace the session server client that nmp's login code creates per
 * connection with one that accepts everybody under their offline UUID. The client still completes the
 * encryption handshake, which is what tests of the opaque path need.
 */
function stubSessionServer () {
  const yggdrasil = fromNmp('yggdrasil')
  yggdrasil.server = () => ({
    hasJoined: (username, serverId, sharedSecret, publicKey, cb) => {
      setImmediate(() => cb(null, { id: offlineUuid(username).replace(/-/g, ''), name: username, properties: [] }))
    },
    join: (...a) => a[a.length - 1](new Error('the stub session server cannot join'))
  })
}

let shuttingDown = false
function shutdown () {
  if (shuttingDown) return
  shuttingDown = true
  try {
    server.close()
  } catch (err) {
    console.error('[server] close failed', err)
  }
  // Give the ServerShutdown kicks a moment to leave, then go.
  setTimeout(() => exit(0), 200)
}
