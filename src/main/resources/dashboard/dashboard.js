'use strict'
// Gamma's dashboard: polls the admin API every second and renders it. Every value from the API reaches
// the page through textContent, never as HTML.

const POLL_MS = 1000
const TOKEN_KEY = 'gamma.token'
const RATE_WINDOW_MS = 10000
const VERSIONS = { 47: '1.8', 340: '1.12.2', 754: '1.16.5', 763: '1.20.1', 764: '1.20.2', 765: '1.20.4',
  766: '1.20.6', 767: '1.21.1', 768: '1.21.3', 769: '1.21.4', 770: '1.21.5', 771: '1.21.6', 772: '1.21.8',
  773: '1.21.10', 774: '1.21.11', 775: '26.1' }

const $ = (id) => document.getElementById(id)
let selected = null // {session, name} of the player shown in the detail panel
let history = [] // [{at, bytes: Map key -> {in, out}}] of recent polls, oldest first, for rates
let rates = new Map() // key -> {in, out} bytes per second
let players = []
let timer = null

class ApiError extends Error {
  constructor (status, message) { super(message); this.status = status }
}

/** Calls the admin API with the session's token; rejects with the API's {error} text. */
async function api (method, path, body) {
  const headers = { Accept: 'application/json' }
  const token = sessionStorage.getItem(TOKEN_KEY)
  if (token) headers.Authorization = 'Bearer ' + token
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await response.text()
  let json = null
  try { json = text ? JSON.parse(text) : null } catch (e) { /* not JSON: reported below */ }
  if (!response.ok) {
    const message = json && typeof json.error === 'string' ? json.error : `HTTP ${response.status}`
    throw new ApiError(response.status, message)
  }
  return json
}

function el (tag, text, className) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = String(text)
  if (className) node.className = className
  return node
}

function row (cells) {
  const tr = document.createElement('tr')
  for (const cell of cells) {
    if (cell instanceof Node) { tr.appendChild(cell); continue }
    const boxed = cell !== null && typeof cell === 'object'
    const td = el('td', boxed ? cell.text : (cell ?? ''), boxed ? cell.className : undefined)
    if (boxed && cell.title !== undefined) td.title = String(cell.title)
    if (typeof cell === 'number') td.className = 'num'
    tr.appendChild(td)
  }
  return tr
}

function bytes (n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  n = Number(n) || 0
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++ }
  return (i === 0 ? n.toFixed(0) : n.toFixed(1)) + ' ' + units[i]
}

const rate = (n) => bytes(n) + '/s'

function duration (ms) {
  let s = Math.max(0, Math.floor(ms / 1000))
  const d = Math.floor(s / 86400); s -= d * 86400
  const h = Math.floor(s / 3600); s -= h * 3600
  const m = Math.floor(s / 60); s -= m * 60
  if (d) return `${d}d ${h}h`
  if (h) return `${h}h ${m}m`
  if (m) return `${m}m ${s}s`
  return `${s}s`
}

const version = (protocol) => VERSIONS[protocol] ? `${VERSIONS[protocol]} (${protocol})` : `protocol ${protocol}`
/** Node ids are UUIDs: the first 8 characters tell them apart on a screen; the tooltip has the rest. */
const nodeCell = (id) => ({ text: String(id).length > 12 ? String(id).slice(0, 8) : id, title: id })
const keyOf = (p) => `${p.node}/${p.name}/${p.connectedAt}`
/** A session's id, which a kick addresses whatever the name ("." and ".." cannot be part of a URL path). */
const sessionOf = (p) => p.id ?? keyOf(p)

function setStatus (text, isError) {
  $('status').textContent = text
  $('status').className = isError ? 'status error' : 'status'
}

function askToken (message) {
  clearTimeout(timer)
  sessionStorage.removeItem(TOKEN_KEY)
  $('main').hidden = true
  $('login').hidden = false
  $('login-error').textContent = message || ''
  setStatus('token needed', true)
  $('token').focus()
}

/**
 * Per-player byte rates over the last RATE_WINDOW_MS of polls. Nodes refresh the byte counts they publish
 * every few seconds, so a one-second difference would swing between zero and a spike.
 */
function computeRates (list) {
  const now = performance.now()
  const current = { at: now, bytes: new Map(list.map((p) => [keyOf(p), { in: p.bytesIn, out: p.bytesOut }])) }
  while (history.length > 1 && history[1].at <= now - RATE_WINDOW_MS) history.shift()
  rates = new Map()
  for (const [key, b] of current.bytes) {
    const since = history.find((sample) => sample.bytes.has(key))
    const seconds = since ? (now - since.at) / 1000 : 0
    if (seconds > 0) {
      const before = since.bytes.get(key)
      rates.set(key, { in: Math.max(0, b.in - before.in) / seconds, out: Math.max(0, b.out - before.out) / seconds })
    }
  }
  history.push(current)
}

const rateOf = (p) => rates.get(keyOf(p)) || { in: 0, out: 0 }

function renderTotals (nodes, routeCount) {
  let rin = 0; let rout = 0
  for (const r of rates.values()) { rin += r.in; rout += r.out }
  $('t-players').textContent = players.length
  $('t-nodes').textContent = nodes.length
  $('t-routes').textContent = routeCount
  $('t-in').textContent = rate(rin)
  $('t-out').textContent = rate(rout)
}

/** serving, or draining with the time left before the node closes its sessions */
function nodeState (n, now) {
  if (n.state !== 'draining') return { text: n.state || 'serving' }
  return { text: 'draining ' + duration(Math.max(0, Number(n.drainDeadline) - now)) + ' left', className: 'draining' }
}

function renderNodes (nodes) {
  const now = Date.now()
  $('nodes').replaceChildren(...nodes.map((n) =>
    row([nodeCell(n.id), n.address, n.players, { text: duration(now - n.startedAt), className: 'num' },
      nodeState(n, now)])))
}

/** One row per route: a route with several hosts is listed once per host by the API. */
function routeGroups (routes) {
  const groups = new Map() // label -> {players, in, out}
  const labelOf = new Map() // host (lower case) -> label
  for (const r of routes) {
    const hosts = r.route && Array.isArray(r.route.host) ? r.route.host : [r.host]
    const label = hosts.join(', ')
    groups.set(label, { players: 0, in: 0, out: 0, entry: r })
    for (const host of [r.host, ...hosts]) labelOf.set(String(host).toLowerCase(), label)
  }
  return { groups, labelOf }
}

function renderRoutes (routes) {
  const { groups, labelOf } = routeGroups(routes)
  for (const p of players) {
    const label = labelOf.get(String(p.route).toLowerCase()) ?? p.route
    if (!groups.has(label)) groups.set(label, { players: 0, in: 0, out: 0 })
    const r = groups.get(label)
    r.players++
    r.in += rateOf(p).in
    r.out += rateOf(p).out
  }
  $('routes').replaceChildren(...[...groups].map(([label, r]) =>
    row([{ text: label + accessMark(r.entry), title: label + accessTitle(r.entry) }, backendsCell(r.entry), r.players,
      { text: rate(r.in), className: 'num' }, { text: rate(r.out), className: 'num' }, maintenanceCell(r.entry)])))
  return groups.size
}

/** A small mark on a route whose access list narrows the addresses it admits. */
function accessMark (entry) {
  return entry && entry.route && entry.route.access && typeof entry.route.access === 'object' ? ' \u2298' : ''
}

function accessTitle (entry) {
  if (!accessMark(entry)) return ''
  const list = (key) => Array.isArray(entry.route.access[key]) ? entry.route.access[key].join(', ') : ''
  return ` (access list; allow: ${list('allow') || 'all'}; deny: ${list('deny') || 'none'})`
}

/** A route's backends; with health checks, each with its state (up, down, unknown) as the API lists it. */
function backendsCell (entry) {
  const td = el('td', undefined, 'backends')
  const route = entry && entry.route && typeof entry.route === 'object' ? entry.route : {}
  const backends = Array.isArray(route.backends) ? route.backends : []
  const checked = route.health !== undefined && route.health !== null
  const health = entry && entry.health && typeof entry.health === 'object' ? entry.health : {}
  backends.forEach((backend) => {
    const known = Object.prototype.hasOwnProperty.call(health, backend) ? health[backend] : 'unknown'
    const state = ['up', 'down', 'unknown'].includes(known) ? known : 'unknown'
    const span = el('span', checked ? `${backend} ${state}` : backend, checked ? 'health-' + state : undefined)
    if (checked) span.dataset.health = state
    td.appendChild(span)
  })
  const wake = wakeSpan(entry)
  if (wake) td.appendChild(wake)
  return td
}

/** A route with wake: its state (asleep, starting, awake) as the API lists it; nothing for other routes. */
function wakeSpan (entry) {
  if (!entry || typeof entry.wake !== 'string') return null
  const state = ['asleep', 'starting', 'awake'].includes(entry.wake) ? entry.wake : 'unknown'
  const span = el('span', state, 'wake-' + state)
  span.dataset.wake = state
  return span
}

function renderPlayers () {
  const now = Date.now()
  const filter = $('filter').value.trim().toLowerCase()
  const shown = players.filter((p) => !filter ||
    [p.name, p.node, p.route, p.backend, p.address].some((v) => String(v).toLowerCase().includes(filter)))
  const rows = shown.map((p) => {
    const r = rateOf(p)
    const tr = row([p.name, nodeCell(p.node), p.route, p.backend, p.address, version(p.protocol), p.encrypted ? 'yes' : 'no',
      { text: duration(now - p.connectedAt), className: 'num' },
      { text: bytes(p.bytesIn), title: rate(r.in), className: 'num' },
      { text: bytes(p.bytesOut), title: rate(r.out), className: 'num' }])
    tr.dataset.name = p.name
    tr.dataset.session = sessionOf(p)
    tr.tabIndex = 0
    if (selected && sessionOf(p) === selected.session) tr.className = 'selected'
    return tr
  })
  if (rows.length === 0) {
    const tr = row([players.length ? 'No player matches the filter.' : 'No player online.'])
    tr.firstChild.colSpan = 10
    tr.firstChild.className = 'muted'
    rows.push(tr)
  }
  $('players').replaceChildren(...rows)
}

function renderDetail () {
  const p = selectedPlayer()
  $('detail-empty').hidden = !!p
  $('detail-body').hidden = !p
  if (!p) {
    if (selected) $('detail-empty').textContent = `${selected.name} is not online any more.`
    return
  }
  const r = rateOf(p)
  const fields = [['Name', p.name], ['UUID', p.uuid], ['Node', p.node], ['Route', p.route], ['Backend', p.backend],
    ['Address', p.address], ['Version', version(p.protocol)], ['Encrypted', p.encrypted ? 'yes' : 'no'],
    ['Connected', `${duration(Date.now() - p.connectedAt)} (since ${new Date(p.connectedAt).toLocaleTimeString()})`],
    ['Bytes in', `${bytes(p.bytesIn)} · ${rate(r.in)}`], ['Bytes out', `${bytes(p.bytesOut)} · ${rate(r.out)}`]]
  $('detail-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', k), el('dd', v)]))
}

async function poll () {
  clearTimeout(timer)
  try {
    const [list, nodes, routes] = await Promise.all([api('GET', '/api/players'), api('GET', '/api/nodes'),
      api('GET', '/api/routes')])
    players = list
    computeRates(list)
    $('login').hidden = true
    $('main').hidden = false
    renderNodes(nodes)
    renderTotals(nodes, renderRoutes(routes))
    renderPlayers()
    renderDetail()
    setStatus('live · updated ' + new Date().toLocaleTimeString())
  } catch (err) {
    if (err.status === 401) {
      askToken(sessionStorage.getItem(TOKEN_KEY) ? err.message : '')
      return
    }
    setStatus('cannot reach the admin API: ' + err.message, true)
  }
  timer = setTimeout(poll, POLL_MS)
}

const selectedPlayer = () => selected && players.find((x) => sessionOf(x) === selected.session)

function select (tr) {
  selected = { session: tr.dataset.session, name: tr.dataset.name }
  $('kick-form').hidden = true
  $('kick').hidden = false
  $('kick-result').textContent = ''
  renderPlayers()
  renderDetail()
}

function showResult (target, text, isError) {
  target.textContent = text
  target.className = isError ? 'result error' : 'result'
}

function wire () {
  $('login').addEventListener('submit', (event) => {
    event.preventDefault()
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim())
    $('token').value = ''
    poll()
  })
  $('players').addEventListener('click', (event) => {
    const tr = event.target.closest('tr')
    if (tr && tr.dataset.session) select(tr)
  })
  $('players').addEventListener('keydown', (event) => {
    const tr = event.target.closest('tr')
    if (event.key === 'Enter' && tr && tr.dataset.session) select(tr)
  })
  $('filter').addEventListener('input', renderPlayers)
  $('kick').addEventListener('click', () => {
    $('kick').hidden = true
    $('kick-form').hidden = false
    $('kick-reason').select()
  })
  $('kick-cancel').addEventListener('click', () => {
    $('kick-form').hidden = true
    $('kick').hidden = false
  })
  $('kick-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const p = selectedPlayer()
    if (!p) return showResult($('kick-result'), `${selected.name} is not online any more.`, true)
    // a node that lists no session ids can only kick by name
    const path = p.id === undefined ? `/api/players/${encodeURIComponent(p.name)}/kick`
      : `/api/sessions/${encodeURIComponent(p.id)}/kick`
    try {
      const answer = await api('POST', path, { reason: $('kick-reason').value })
      showResult($('kick-result'), `Kicked ${p.name} (${answer.kicked} session${answer.kicked === 1 ? '' : 's'}).`)
      $('kick-form').hidden = true
      $('kick').hidden = false
    } catch (err) {
      if (err.status === 401) return askToken(err.message)
      showResult($('kick-result'), err.message, true)
    }
    poll()
  })
  $('broadcast').addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      const answer = await api('POST', '/api/broadcast', { message: $('message').value })
      showResult($('broadcast-result'), `reached ${answer.reached}, unreachable ${answer.unreachable}`)
      $('message').value = ''
    } catch (err) {
      if (err.status === 401) return askToken(err.message)
      showResult($('broadcast-result'), err.message, true)
    }
  })
}

wire()
poll()
