'use strict'
// The routes table's maintenance toggle: shows each route's state and, once confirmed, switches it for the whole
// cluster with PUT /api/routes/{host}/maintenance, keeping the route's MOTD, message and allow-list.
// Loaded before dashboard.js, which puts maintenanceCell() in each route's row.

const maintenanceEntries = new Map() // host -> its GET /api/routes entry, as last shown

/** The maintenance object of a route entry, with only the keys and types the API takes. */
function maintenanceOf (entry) {
  const route = entry && entry.route && typeof entry.route === 'object' ? entry.route : {}
  const m = route.maintenance && typeof route.maintenance === 'object' ? route.maintenance : {}
  return {
    enabled: m.enabled === true,
    motd: typeof m.motd === 'string' ? m.motd : '',
    message: typeof m.message === 'string' ? m.message : '',
    allow: Array.isArray(m.allow) ? m.allow.filter((name) => typeof name === 'string') : [],
    'kick-current': m['kick-current'] === true
  }
}

function maintenanceCell (entry) {
  const td = document.createElement('td')
  td.className = 'maintenance'
  if (!entry || typeof entry.host !== 'string') return td
  maintenanceEntries.set(entry.host, entry)
  const on = maintenanceOf(entry).enabled
  td.dataset.maintenance = on ? 'on' : 'off'
  const button = document.createElement('button')
  button.type = 'button'
  button.textContent = on ? 'On · turn off…' : 'Off · turn on…'
  if (on) button.className = 'danger'
  button.dataset.host = entry.host
  td.appendChild(button)
  return td
}

async function toggleMaintenance (host) {
  const entry = maintenanceEntries.get(host)
  if (!entry) return
  const next = maintenanceOf(entry)
  next.enabled = !next.enabled
  const question = next.enabled
    ? `Turn maintenance on for ${host} on every node? Only ${next.allow.length} allowed name(s) can log in` +
      (next['kick-current'] ? '; the other players on it are kicked.' : '.')
    : `Turn maintenance off for ${host}? Every player can log in again.`
  if (!window.confirm(question)) return
  try {
    await api('PUT', `/api/routes/${encodeURIComponent(host)}/maintenance`, next)
    setStatus(`maintenance ${next.enabled ? 'on' : 'off'} for ${host}`)
  } catch (err) {
    if (err.status === 401) return askToken(err.message)
    setStatus(`maintenance for ${host}: ${err.message}`, true)
    return
  }
  poll()
}

document.getElementById('routes').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-host]')
  if (button) toggleMaintenance(button.dataset.host)
})
