'use strict'
// Shared plumbing for the peer scripts: argument parsing, the JSON-lines protocol on stdout/stdin,
// chat component helpers, and access to the exact module instances node-minecraft-protocol uses.

const path = require('path')
const readline = require('readline')
const crypto = require('crypto')

// stdout carries only protocol lines: route every console method that writes to stdout to stderr
// (nmp itself logs with console.log / console.debug in a few places).
for (const method of ['log', 'info', 'debug', 'trace', 'dir', 'table']) {
  console[method] = (...args) => console.error(...args)
}

const mc = require('minecraft-protocol')
const nmpDir = path.dirname(require.resolve('minecraft-protocol/package.json'))

/** Requires a module as minecraft-protocol itself resolves it (same instance, whatever the hoisting). */
function fromNmp (name) {
  return require(require.resolve(name, { paths: [nmpDir] }))
}

const mcDataFor = fromNmp('minecraft-data')
const nbt = fromNmp('prismarine-nbt')

/**
 * Parses `--key value` pairs; a flag with no value (or followed by another flag) is 'true'.
 * `--key-json '"..."'` passes a JSON string for `key`: process arguments cannot carry \0, and non-ASCII
 * text is safer escaped (a JVM in the C locale would mangle it).
 */
function parseArgs (argv = process.argv.slice(2)) {
  const args = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('--')) throw new Error('unexpected argument: ' + arg)
    let key = arg.slice(2)
    const next = argv[i + 1]
    let value = 'true'
    if (next !== undefined && !next.startsWith('--')) {
      value = next
      i++
    }
    if (key.endsWith('-json')) {
      key = key.slice(0, -'-json'.length)
      value = JSON.parse(value)
      if (typeof value !== 'string') throw new Error(`--${key}-json must be a JSON string`)
    }
    args[key] = value
  }
  return args
}

/** Writes one protocol line to stdout. */
function emit (event) {
  process.stdout.write(JSON.stringify(event) + '\n')
}

/** Flushes stdout, then exits. */
function exit (code) {
  process.stdout.write('', () => process.exit(code))
  setTimeout(() => process.exit(code), 500).unref()
}

/** Calls onCommand for each JSON line on stdin, onClose when stdin ends (the parent went away). */
function readCommands (onCommand, onClose) {
  const rl = readline.createInterface({ input: process.stdin })
  rl.on('line', (line) => {
    if (line.trim() === '') return
    let cmd
    try {
      cmd = JSON.parse(line)
    } catch (err) {
      emit({ event: 'error', message: 'bad command line: ' + err.message })
      return
    }
    try {
      onCommand(cmd)
    } catch (err) {
      emit({ event: 'error', message: 'command ' + cmd.cmd + ' failed: ' + (err && err.message) })
    }
  })
  rl.on('close', onClose)
}

const NBT_TYPES = new Set(['byte', 'short', 'int', 'long', 'float', 'double', 'string', 'list', 'compound',
  'byteArray', 'intArray', 'longArray'])

function isNbt (value) {
  return value !== null && typeof value === 'object' && NBT_TYPES.has(value.type) && 'value' in value
}

/**
 * Flattens a chat component to plain text. Accepts a JSON string, a parsed JSON component, or an NBT
 * component (1.20.3+). Translations have no language file here: they render as the key followed by
 * their arguments in brackets, e.g. `multiplayer.disconnect.kicked[]`.
 */
function plainText (component) {
  if (component === undefined || component === null) return ''
  if (isNbt(component)) return plainText(nbt.simplify(component))
  if (typeof component === 'string') {
    const trimmed = component.trim()
    if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
      try {
        return plainText(JSON.parse(component))
      } catch {
        return component
      }
    }
    return component
  }
  if (typeof component !== 'object') return String(component)
  if (Array.isArray(component)) return component.map(plainText).join('')
  let text = ''
  if (component.text !== undefined) text += plainText(String(component.text))
  else if (component[''] !== undefined) text += String(component[''])
  else if (component.translate !== undefined) {
    const args = component.with || []
    text += (component.fallback ?? component.translate)
    if (component.fallback === undefined) text += '[' + args.map(plainText).join(', ') + ']'
  } else if (component.keybind !== undefined) text += component.keybind
  else if (component.selector !== undefined) text += component.selector
  else if (component.score !== undefined) text += component.score.value ?? ''
  if (Array.isArray(component.extra)) text += component.extra.map(plainText).join('')
  return text
}

/** Builds the chat component a packet field expects: NBT from 1.20.3 (protocol 765), JSON before. */
function component (mcData, text) {
  if (mcData.supportFeature('chatPacketsUseNbtComponents')) return nbt.comp({ text: nbt.string(text) })
  return JSON.stringify({ text })
}

/** The UUID a vanilla server derives for an offline-mode player name. */
function offlineUuid (username) {
  const hash = crypto.createHash('md5').update('OfflinePlayer:' + username, 'utf8').digest()
  hash[6] = (hash[6] & 0x0f) | 0x30
  hash[8] = (hash[8] & 0x3f) | 0x80
  const hex = hash.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function errorMessage (err) {
  if (err === undefined || err === null) return 'unknown error'
  return err.message || String(err)
}

module.exports = {
  mc,
  mcDataFor,
  nbt,
  fromNmp,
  parseArgs,
  emit,
  exit,
  readCommands,
  plainText,
  component,
  offlineUuid,
  errorMessage
}
