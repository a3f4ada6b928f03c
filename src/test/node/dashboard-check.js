'use strict'
// Drives Gamma's web dashboard in headless Chromium (Debian's /usr/bin/chromium, through playwright-core)
// the way an operator would, reporting each step as a JSON line on stdout (see README.md).

const readline = require('readline')
const { chromium } = require('playwright-core')

const args = {}
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1]

const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n')
const STEP_MS = Number(args.timeout ?? 20000)
let browser = null

async function main () {
  browser = await chromium.launch({
    executablePath: args.chromium ?? '/usr/bin/chromium',
    headless: true,
    // Without the background-networking flags Chromium keeps calling out to a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(STEP_MS)
  page.on('pageerror', (err) => emit({ event: 'page-error', message: String(err && err.message) }))
  // Chromium logs every non-2xx fetch as a console error; the 401s of the token form are expected.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      emit({ event: 'page-error', message: msg.text() })
    }
  })
  emit({ event: 'launched', version: browser.version() })

  await page.goto(args.url)
  await page.locator('#login').waitFor({ state: 'visible' })
  emit({ event: 'login-form' })

  // A wrong token first: the page must say so and ask again.
  await page.fill('#token', 'not-' + args.token)
  await page.click('#login button[type=submit]')
  await page.waitForFunction(() => document.getElementById('login-error').textContent !== '')
  emit({ event: 'refused', error: await page.textContent('#login-error') })

  await page.fill('#token', args.token)
  await page.click('#login button[type=submit]')
  await page.locator('#main').waitFor({ state: 'visible' })
  const row = page.locator(`#players tr[data-name=${JSON.stringify(args.player)}]`)
  await row.first().waitFor({ state: 'visible' })
  emit({ event: 'player-shown', row: await row.first().innerText(), players: await page.textContent('#t-players') })

  if (args['down-backend']) {
    const down = page.locator('#routes span[data-health=down]', { hasText: args['down-backend'] })
    await down.first().waitFor({ state: 'visible' })
    await page.waitForFunction(() => !document.querySelector('#routes span[data-health=unknown]'))
    const cell = down.first().locator('xpath=..')
    emit({ event: 'backend-health', backends: await cell.innerText(), color: await down.first().evaluate((e) => getComputedStyle(e).color) })
  }

  if (args['guarded-route']) {
    const guarded = page.locator('#routes td', { hasText: args['guarded-route'] }).first()
    await guarded.waitFor({ state: 'visible' })
    const plain = page.locator('#routes td', { hasText: args['plain-route'] }).first()
    emit({ event: 'access-mark', text: await guarded.innerText(), title: await guarded.getAttribute('title'), plain: await plain.innerText() })
  }

  await row.first().click()
  await page.waitForFunction((name) => document.getElementById('detail-fields').textContent.includes(name), args.player)
  await page.waitForTimeout(2200) // two more polls, so the rates have something to show
  if (args.screenshot) {
    await page.screenshot({ path: args.screenshot })
    emit({ event: 'screenshot', path: args.screenshot })
  }

  if (args.broadcast) {
    await page.fill('#message', args.broadcast)
    await page.click('#broadcast button[type=submit]')
    await page.waitForFunction(() => document.getElementById('broadcast-result').textContent !== '')
    emit({ event: 'broadcast', result: await page.textContent('#broadcast-result') })
  }

  await page.click('#kick')
  await page.fill('#kick-reason', args.reason)
  await page.click('#kick-form button[type=submit]')
  await page.waitForFunction(() => document.getElementById('kick-result').textContent !== '')
  emit({ event: 'kick-result', text: await page.textContent('#kick-result') })

  await page.waitForFunction((name) => ![...document.querySelectorAll('#players tr[data-name]')]
    .some((tr) => tr.dataset.name === name), args.player)
  emit({ event: 'player-gone', detail: await page.textContent('#detail-empty') })
}

let finished = false
async function finish (code) {
  if (finished) return
  finished = true
  if (browser) await browser.close().catch(() => {})
  emit({ event: 'end' })
  process.stdout.write('', () => process.exit(code))
}

// The Java side closes stdin when it is done (or dies): stop then, whatever the step.
readline.createInterface({ input: process.stdin }).on('close', () => finish(0))

main().then(() => finish(0), (err) => {
  emit({ event: 'error', message: String(err && err.stack || err) })
  finish(1)
})
