'use strict'
// Switches a route's maintenance on and off with the dashboard's toggle in headless Chromium (Debian's
// /usr/bin/chromium, through playwright-core), accepting each confirmation; one JSON line on stdout per step.
// Steps wait for the Java side: it sends {"cmd":"next"} on stdin once it has checked the node.

const readline = require('readline')
const { chromium } = require('playwright-core')

const args = {}
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1]

const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n')
const STEP_MS = Number(args.timeout ?? 20000)
let browser = null
const waiting = []
const lines = readline.createInterface({ input: process.stdin })
lines.on('line', () => { const next = waiting.shift(); if (next) next() })
const proceed = () => new Promise((resolve) => waiting.push(resolve))

async function main () {
  browser = await chromium.launch({
    executablePath: args.chromium ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(STEP_MS)
  page.on('pageerror', (err) => emit({ event: 'page-error', message: String(err && err.message) }))
  page.on('dialog', async (dialog) => {
    emit({ event: 'confirm', message: dialog.message() })
    await dialog.accept()
  })
  emit({ event: 'launched' })

  await page.goto(args.url)
  await page.fill('#token', args.token)
  await page.click('#login button[type=submit]')
  const cell = page.locator(`#routes button[data-host=${JSON.stringify(args.host)}]`)
  await cell.waitFor({ state: 'visible' })
  emit({ event: 'shown', state: await cell.locator('xpath=..').getAttribute('data-maintenance') })

  for (const state of ['on', 'off']) {
    await cell.click()
    await page.waitForFunction(([host, want]) => {
      const button = [...document.querySelectorAll('#routes button[data-host]')].find((b) => b.dataset.host === host)
      return button && button.parentElement.dataset.maintenance === want
    }, [args.host, state])
    emit({ event: 'switched', state, text: await cell.innerText() })
    await proceed()
  }
}

let finished = false
async function finish (code) {
  if (finished) return
  finished = true
  if (browser) await browser.close().catch(() => {})
  emit({ event: 'end' })
  process.stdout.write('', () => process.exit(code))
}

lines.on('close', () => finish(0))

main().then(() => finish(0), (err) => {
  emit({ event: 'error', message: String(err && err.stack || err) })
  finish(1)
})
