// dedi-sandbox through the eyes of a client no one here wrote: Scaleway's
// official SDK packages. Every read (list, get, download) the three
// packages define is called and must decode with the SDK's own
// unmarshallers; the writes dedi sends are compared with what the SDK's
// marshallers produce for the same change. Prints TAP.
//
//   node sdk.test.mjs SANDBOX DEDI
import { spawn, execFile } from 'node:child_process'
import { createInterface } from 'node:readline'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict'
import { createClient, Errors } from '@scaleway/sdk-client'
import { Dediboxv1 } from '@scaleway/sdk-dedibox'
import { Billingv2beta1 } from '@scaleway/sdk-billing'
import { Iamv1alpha1 } from '@scaleway/sdk-iam'

const [sandboxBin, dediBin] = process.argv.slice(2)
const ACCESS_KEY = 'SCWDEMO0000000000000'
const SECRET_KEY = '00000000-0000-4000-8000-00000000de70'
const ONLINE_TOKEN = 'demo0000000000000000000000000000online'
const ORG = '11111111-1111-4111-8111-111111111111'
const ZONE = 'fr-par-1'

// ---- a small TAP writer: one test point per SDK method ----
let n = 0
let failed = 0
const diag = (s) => String(s).split('\n').map((l) => `# ${l}`).join('\n')
async function point(name, fn) {
  n++
  try {
    await fn()
    console.log(`ok ${n} - ${name}`)
  } catch (e) {
    failed++
    console.log(`not ok ${n} - ${name}`)
    console.log(diag(e && e.stack ? e.stack : e))
    if (e && e.cause) console.log(diag(`cause: ${e.cause}`))
  }
}

// ---- the sandbox ----
function startSandbox() {
  const child = spawn(sandboxBin, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`dedi-sandbox exited (${code}) before its URL`)))
    createInterface({ input: child.stdout }).once('line', (url) => resolve({ child, url: url.trim() }))
  })
}

// ---- the methods, from the SDK's own classes ----
// A read is a method whose request is a GET, or a list that pages through
// one (enrichForPagination over pageOf*). pageOf* are called by their list;
// waitFor* poll a get* until a final state and add no decoding of their own.
function methodsOf(api) {
  const reads = []
  const writes = []
  for (const name of Object.keys(api)) {
    const fn = api[name]
    if (typeof fn !== 'function' || name.startsWith('pageOf') || name.startsWith('waitFor')) continue
    const src = fn.toString()
    if (/method: "GET"/.test(src) || /^\(request[^)]*\) => enrichForPagination\(/.test(src)) reads.push(name)
    else writes.push(name)
  }
  return { reads, writes }
}

const sandbox = await startSandbox()
const client = createClient({
  apiURL: sandbox.url,
  accessKey: ACCESS_KEY,
  secretKey: SECRET_KEY,
  defaultOrganizationId: ORG,
  defaultProjectId: ORG,
  defaultZone: ZONE,
  defaultRegion: 'fr-par',
})

const apis = {}
for (const [pkg, ns] of [['dedibox', Dediboxv1], ['billing', Billingv2beta1], ['iam', Iamv1alpha1]])
  for (const [cls, Ctor] of Object.entries(ns))
    if (typeof Ctor === 'function' && /API$/.test(cls)) apis[`${pkg}.${cls}`] = new Ctor(client)

const d = apis['dedibox.API']
const dbill = apis['dedibox.BillingAPI']
const v6 = apis['dedibox.IPv6BlockAPI']
const rpn1 = apis['dedibox.RpnV1API']
const rpn2 = apis['dedibox.RpnV2API']
const san = apis['dedibox.RpnSanAPI']
const bill = apis['billing.API']
const iam = apis['iam.API']

// Ids every later call needs, read once through the SDK itself.
const ctx = {}
const first = (list, what) => {
  ok(Array.isArray(list) && list.length > 0, `${what}: the sandbox answered an empty list`)
  return list[0]
}
const isDate = (v) => v instanceof Date && !Number.isNaN(v.getTime())
const money = (m) => ok(m && typeof m.currencyCode === 'string' && Number.isInteger(m.units), 'a Money')
// A list answer: the array under `key`, every item decoded, totalCount a number.
const listed = (res, key) => {
  ok(Array.isArray(res[key]), `${key} is an array`)
  strictEqual(typeof res.totalCount, 'number')
  ok(res.totalCount >= res[key].length)
  return res[key]
}
// A route the sandbox does not serve must still answer as the API would: a
// Scaleway error body that the SDK's error parser reads.
const notServed = (call) => async () => {
  let err
  try {
    await call()
  } catch (e) {
    err = e
  }
  ok(err instanceof Errors.ScalewayError, `expected a ScalewayError, got ${err}`)
  strictEqual(err.status, 404)
}

// Each read: `call` resolves when the SDK decoded the answer; its asserts
// check real fields. notServed: dedi does not use it and the sandbox does
// not serve it (a 404 the SDK parses); when the sandbox learns it, the
// point fails until a real check replaces it.
const reads = {
  // Dedibox v1: servers
  'dedibox.API.listServers': async () => {
    const res = await d.listServers({ zone: ZONE })
    const all = await d.listServers({ zone: ZONE }, ).all()
    const s = first(res.servers, 'servers')
    ok(Number.isInteger(s.id) && typeof s.hostname === 'string' && isDate(s.createdAt))
    strictEqual(all.length, res.totalCount, 'pagination walks every page to total_count')
    ctx.server = s
    ctx.servers = all
  },
  'dedibox.API.getServer': async () => {
    const s = await d.getServer({ serverId: ctx.server.id })
    strictEqual(s.id, ctx.server.id)
    strictEqual(s.hostname, ctx.server.hostname)
    strictEqual(s.zone, ZONE)
    ok(Array.isArray(s.interfaces))
    ctx.ip = s.interfaces.flatMap((i) => i.ips).find((ip) => ip.version === 'ipv4')
  },
  'dedibox.API.getServerBackup': async () => {
    const b = await d.getServerBackup({ serverId: ctx.server.id })
    strictEqual(typeof b.autologin, 'boolean')
    strictEqual(typeof b.aclEnabled, 'boolean')
  },
  'dedibox.API.listSubscribableServerOptions': async () => {
    const res = await d.listSubscribableServerOptions({ serverId: ctx.server.id })
    listed(res, 'serverOptions')
  },
  'dedibox.API.listServerEvents': async () => {
    const ev = listed(await d.listServerEvents({ serverId: ctx.server.id }), 'events')
    for (const e of ev) ok(typeof e.description === 'string')
  },
  'dedibox.API.listServerDisks': async () => {
    const disks = listed(await d.listServerDisks({ serverId: ctx.server.id }), 'disks')
    for (const k of disks) ok(Number.isInteger(k.capacity))
  },
  'dedibox.API.listServices': async () => {
    const sv = listed(await d.listServices({ zone: ZONE }), 'services')
    ctx.service = first(sv, 'services')
  },
  // An ordered service exists only after an order: without one, the typed
  // not-found error the SDK builds from the body is what decodes.
  'dedibox.API.getOrderedService': async () => {
    let err
    await d.getOrderedService({ orderedServiceId: ctx.service.id }).catch((e) => { err = e })
    ok(err instanceof Errors.ResourceNotFoundError, `expected ResourceNotFoundError, got ${err}`)
    strictEqual(err.resource, 'ordered_service')
    strictEqual(err.resourceId, String(ctx.service.id))
  },
  'dedibox.API.getServerInstall': async () => {
    const s = ctx.servers.find((x) => x.status === 'installing')
    ok(s, 'the world has a server being installed')
    const inst = await d.getServerInstall({ serverId: s.id, zone: s.zone })
    ok(Number.isInteger(inst.osId) && typeof inst.status === 'string')
  },
  'dedibox.API.getBMCAccess': async () => {
    // BMC access exists once started: the SDK starts it on the first
    // server that has a BMC.
    let sid
    for (const x of ctx.servers) {
      const started = await d.startBMCAccess({ serverId: x.id, ip: '192.0.2.10' }).then(() => true, () => false)
      if (started) { sid = x.id; break }
    }
    ok(sid, 'some server has a BMC')
    const b = await d.getBMCAccess({ serverId: sid })
    ok(typeof b.status === 'string' && typeof b.login === 'string')
  },
  'dedibox.API.listOffers': async () => {
    const offers = listed(await d.listOffers({ zone: ZONE }), 'offers')
    ctx.offer = first(offers, 'offers')
    money(ctx.offer.pricing)
  },
  'dedibox.API.getOffer': async () => {
    const o = await d.getOffer({ offerId: ctx.offer.id })
    strictEqual(o.id, ctx.offer.id)
    strictEqual(o.name, ctx.offer.name)
  },
  'dedibox.API.listOS': async () => {
    const os = listed(await d.listOS({ serverId: ctx.server.id }), 'os')
    ctx.os = os.find((o) => o.id === ctx.server.osId) ?? first(os, 'os')
  },
  'dedibox.API.getOS': async () => {
    const o = await d.getOS({ osId: ctx.os.id, serverId: ctx.server.id })
    strictEqual(o.id, ctx.os.id)
    strictEqual(o.name, ctx.os.name)
  },
  'dedibox.API.getServerDefaultPartitioning': async () => {
    const p = await d.getServerDefaultPartitioning({ serverId: ctx.server.id, osId: ctx.os.id })
    ok(Array.isArray(p.partitions) && p.partitions.length > 0)
  },
  'dedibox.API.listFailoverIPs': async () => {
    const ips = listed(await d.listFailoverIPs({ zone: ZONE }), 'failoverIps')
    ctx.failover = first(ips, 'failover IPs')
    ok(typeof ctx.failover.address === 'string')
  },
  'dedibox.API.getFailoverIP': async () => {
    const f = await d.getFailoverIP({ ipId: ctx.failover.id })
    strictEqual(f.id, ctx.failover.id)
    strictEqual(f.address, ctx.failover.address)
  },
  'dedibox.API.getRemainingQuota': async () => {
    const q = await d.getRemainingQuota({ zone: ZONE })
    ok(Number.isInteger(q.failoverIpQuota) && Number.isInteger(q.failoverIpRemainingQuota))
  },
  'dedibox.API.getRaid': async () => {
    const r = await d.getRaid({ serverId: ctx.server.id })
    ok(Array.isArray(r.raidArrays))
  },
  'dedibox.API.getRescue': async () => {
    // Rescue exists once started: the SDK starts it on the last ready
    // server (the writes below edit the first).
    const s = ctx.servers.findLast((x) => x.status === 'ready')
    const os = listed(await d.listOS({ serverId: s.id, type: 'rescue' }), 'os')
    await d.startRescue({ serverId: s.id, osId: first(os, 'rescue OS').id })
    const r = await d.getRescue({ serverId: s.id })
    ok(typeof r.protocol === 'string' && typeof r.login === 'string')
  },
  // Dedibox v1: billing
  'dedibox.BillingAPI.listInvoices': async () => {
    const inv = listed(await dbill.listInvoices(), 'invoices')
    ctx.dinvoice = first(inv, 'invoices')
    money(ctx.dinvoice.totalWithTaxes)
  },
  'dedibox.BillingAPI.getInvoice': async () => {
    const i = await dbill.getInvoice({ invoiceId: ctx.dinvoice.id })
    strictEqual(i.id, ctx.dinvoice.id)
    ok(isDate(i.createdAt))
  },
  'dedibox.BillingAPI.downloadInvoice': async () => {
    const blob = await dbill.downloadInvoice({ invoiceId: ctx.dinvoice.id })
    const head = Buffer.from(await blob.arrayBuffer()).subarray(0, 5).toString()
    strictEqual(head, '%PDF-')
  },
  'dedibox.BillingAPI.listRefunds': async () => {
    const r = listed(await dbill.listRefunds(), 'refunds')
    ctx.refund = first(r, 'refunds')
  },
  'dedibox.BillingAPI.getRefund': async () => {
    const r = await dbill.getRefund({ refundId: ctx.refund.id })
    strictEqual(r.id, ctx.refund.id)
    money(r.totalWithTaxes)
  },
  'dedibox.BillingAPI.downloadRefund': async () => {
    const blob = await dbill.downloadRefund({ refundId: ctx.refund.id })
    strictEqual(Buffer.from(await blob.arrayBuffer()).subarray(0, 5).toString(), '%PDF-')
  },
  'dedibox.BillingAPI.canOrder': async () => {
    const c = await dbill.canOrder()
    strictEqual(typeof c.canOrder, 'boolean')
  },
  // Dedibox v1: IPv6
  'dedibox.IPv6BlockAPI.getIPv6BlockQuotas': async () => {
    const q = await v6.getIPv6BlockQuotas()
    ok(Array.isArray(q.quotas))
  },
  'dedibox.IPv6BlockAPI.listIPv6Blocks': async () => {
    const res = await v6.listIPv6Blocks()
    ctx.block = first(listed(res, 'ipv6Blocks'), 'IPv6 blocks')
  },
  'dedibox.IPv6BlockAPI.getIPv6Block': async () => {
    const b = await v6.getIPv6Block()
    strictEqual(b.id, ctx.block.id)
    strictEqual(b.address, ctx.block.address)
  },
  'dedibox.IPv6BlockAPI.listIPv6BlockSubnetsAvailable': async () => {
    const res = await v6.listIPv6BlockSubnetsAvailable({ blockId: ctx.block.id })
    for (const s of listed(res, 'subnetAvailables')) ok(typeof s.address === 'string')
  },
  // Dedibox v1: RPN
  'dedibox.RpnAPI.listRpnServerCapabilities': async () => {
    const s = listed(await apis['dedibox.RpnAPI'].listRpnServerCapabilities(), 'servers')
    ok(Number.isInteger(first(s, 'RPN capable servers').id))
  },
  'dedibox.RpnAPI.getRpnStatus': async () => {
    const s = await apis['dedibox.RpnAPI'].getRpnStatus()
    ok(typeof s.status === 'string')
  },
  'dedibox.RpnV1API.listRpnGroups': async () => {
    ctx.group1 = first(listed(await rpn1.listRpnGroups(), 'rpnGroups'), 'RPN v1 groups')
  },
  'dedibox.RpnV1API.getRpnGroup': async () => {
    const g = await rpn1.getRpnGroup({ groupId: ctx.group1.id })
    strictEqual(g.id, ctx.group1.id)
    strictEqual(g.name, ctx.group1.name)
  },
  'dedibox.RpnV1API.listRpnGroupMembers': async () => {
    const m = listed(await rpn1.listRpnGroupMembers({ groupId: ctx.group1.id }), 'members')
    strictEqual(m.length, ctx.group1.membersCount)
  },
  'dedibox.RpnV1API.listRpnCapableServers': async () => {
    listed(await rpn1.listRpnCapableServers(), 'servers')
  },
  'dedibox.RpnV1API.listRpnCapableSanServers': async () => {
    listed(await rpn1.listRpnCapableSanServers(), 'sanServers')
  },
  'dedibox.RpnV1API.listRpnInvites': async () => {
    listed(await rpn1.listRpnInvites(), 'members')
  },
  'dedibox.RpnV2API.listRpnV2Groups': async () => {
    ctx.group2 = first(listed(await rpn2.listRpnV2Groups(), 'rpnGroups'), 'RPN v2 groups')
  },
  'dedibox.RpnV2API.getRpnV2Group': async () => {
    const g = await rpn2.getRpnV2Group({ groupId: ctx.group2.id })
    strictEqual(g.id, ctx.group2.id)
    strictEqual(g.name, ctx.group2.name)
  },
  'dedibox.RpnV2API.listRpnV2Members': async () => {
    const m = listed(await rpn2.listRpnV2Members({ groupId: ctx.group2.id }), 'members')
    strictEqual(m.length, ctx.group2.membersCount)
  },
  'dedibox.RpnV2API.listRpnV2CapableResources': async () => {
    listed(await rpn2.listRpnV2CapableResources({ groupId: ctx.group2.id }), 'servers')
  },
  'dedibox.RpnV2API.listRpnV2GroupLogs': async () => {
    listed(await rpn2.listRpnV2GroupLogs({ groupId: ctx.group2.id }), 'logs')
  },
  'dedibox.RpnSanAPI.listRpnSans': async () => {
    ctx.san = first(listed(await san.listRpnSans(), 'rpnSans'), 'RPN SANs')
  },
  'dedibox.RpnSanAPI.getRpnSan': async () => {
    const s = await san.getRpnSan({ rpnSanId: ctx.san.id })
    strictEqual(s.id, ctx.san.id)
  },
  'dedibox.RpnSanAPI.listIps': async () => {
    const r = await san.listIps({ rpnSanId: ctx.san.id })
    ok(Array.isArray(r.ips))
  },
  'dedibox.RpnSanAPI.listAvailableIps': async () => {
    const r = await san.listAvailableIps({ rpnSanId: ctx.san.id })
    ok(Array.isArray(r.ips))
  },
  // Billing v2beta1
  'billing.API.listInvoices': async () => {
    const inv = listed(await bill.listInvoices(), 'invoices')
    ctx.invoice = first(inv, 'invoices')
    money(ctx.invoice.totalTaxed)
    strictEqual(ctx.invoice.organizationId, ORG)
  },
  'billing.API.getInvoice': async () => {
    const i = await bill.getInvoice({ invoiceId: ctx.invoice.id })
    strictEqual(i.id, ctx.invoice.id)
    deepStrictEqual(i.totalTaxed, ctx.invoice.totalTaxed)
  },
  'billing.API.downloadInvoice': async () => {
    const blob = await bill.downloadInvoice({ invoiceId: ctx.invoice.id, fileType: 'pdf' })
    strictEqual(Buffer.from(await blob.arrayBuffer()).subarray(0, 5).toString(), '%PDF-')
  },
  'billing.API.exportInvoices': async () => {
    const blob = await bill.exportInvoices({ fileType: 'csv' })
    const text = await blob.text()
    ok(text.split('\n').length > 1, 'a CSV header and rows')
  },
  'billing.API.listConsumptions': async () => {
    const c = listed(await bill.listConsumptions(), 'consumptions')
    for (const x of c) money(x.value)
  },
  'billing.API.listTaxes': async () => {
    const t = listed(await bill.listTaxes(), 'taxes')
    ok(typeof first(t, 'taxes').description === 'string')
  },
  'billing.API.listDiscounts': async () => {
    const ds = listed(await bill.listDiscounts(), 'discounts')
    strictEqual(first(ds, 'discounts').organizationId, ORG)
  },
  // IAM v1alpha1: what dedi reads (who owns the key)
  'iam.API.getAPIKey': async () => {
    const k = await iam.getAPIKey({ accessKey: ACCESS_KEY })
    strictEqual(k.accessKey, ACCESS_KEY)
    ok(typeof k.userId === 'string')
    ctx.userId = k.userId
    ok(k.secretKey == null, 'a key read back never carries its secret')
  },
  'iam.API.getUser': async () => {
    const u = await iam.getUser({ userId: ctx.userId })
    strictEqual(u.id, ctx.userId)
    strictEqual(u.organizationId, ORG)
  },
  // the Organization's SSH keys, for an installation's ssh_key_ids
  'iam.API.listSSHKeys': async () => {
    const ks = listed(await iam.listSSHKeys(), 'sshKeys')
    const k = first(ks, 'sshKeys')
    ok(typeof k.id === 'string' && typeof k.fingerprint === 'string' && typeof k.disabled === 'boolean')
    ok(isDate(k.createdAt))
    strictEqual(k.organizationId, ORG)
    ctx.sshKeyId = k.id
  },
  'iam.API.getSSHKey': async () => {
    const k = await iam.getSSHKey({ sshKeyId: ctx.sshKeyId })
    strictEqual(k.id, ctx.sshKeyId)
  },
}
// IAM reads that dedi never makes and the sandbox does not serve.
const iamArgs = {
  getApplication: { applicationId: ORG }, getGroup: { groupId: ORG },
  getPolicy: { policyId: ORG }, getQuotum: { quotumName: 'users' }, getJWT: { jti: ORG },
  getLog: { logId: ORG }, getUserConnections: { userId: ORG }, listRules: { policyId: ORG },
  getOrganizationSecuritySettings: {}, getOrganization: {}, getOrganizationSaml: {},
  listSamlCertificates: { samlId: ORG },
}
for (const name of methodsOf(iam).reads)
  if (!(`iam.API.${name}` in reads)) {
    reads[`iam.API.${name}`] = notServed(() => iam[name](iamArgs[name] ?? {}))
    reads[`iam.API.${name}`].notServed = true
  }

// Calls come in the table's order (ids flow from lists to gets); a read the
// SDK has and the table lacks is a failure, so a new SDK method is noticed.
const inSdk = new Set()
let writeCount = 0
for (const [prefix, api] of Object.entries(apis)) {
  const m = methodsOf(api)
  writeCount += m.writes.length
  for (const r of m.reads) inSdk.add(`${prefix}.${r}`)
}
let served = 0
const skipped = []
for (const [name, fn] of Object.entries(reads)) {
  if (!inSdk.has(name)) {
    await point(`${name}: no such read in the SDK`, () => ok(false, 'the table names a method the SDK lacks'))
    continue
  }
  if (fn.notServed) skipped.push(name)
  else served++
  await point(fn.notServed ? `${name} (not served by the sandbox: its 404 decodes)` : name, fn)
}
for (const name of inSdk)
  if (!(name in reads)) await point(`${name}: an SDK read with no call here`, () => ok(false, 'add it to reads'))

// Headers the SDK relies on, checked on the wire.
await point('a list answer is application/json with X-Total-Count equal to total_count', async () => {
  const r = await fetch(`${sandbox.url}/dedibox/v1/zones/${ZONE}/servers?page_size=1`, {
    headers: { 'X-Auth-Token': SECRET_KEY },
  })
  strictEqual(r.headers.get('content-type'), 'application/json')
  const body = await r.json()
  strictEqual(r.headers.get('x-total-count'), String(body.total_count))
})

// ---- writes: dedi's request against the SDK's marshaller ----
function dedi(args) {
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: join(home, 'cache'),
    SCW_API_URL: sandbox.url,
    DEDI_ONLINE_API_URL: `${sandbox.url}/api/v1`,
    SCW_ACCESS_KEY: ACCESS_KEY,
    SCW_SECRET_KEY: SECRET_KEY,
    DEDI_ONLINE_TOKEN: ONLINE_TOKEN,
  }
  return new Promise((resolve, reject) =>
    execFile(dediBin, args, { env }, (err, stdout, stderr) =>
      err ? reject(new Error(`dedi ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout)))
}
async function lastWrite() {
  const r = await fetch(`${sandbox.url}/__sandbox/last-write`)
  strictEqual(r.status, 200, 'the sandbox recorded a write')
  return r.json()
}
// What the SDK would send: its own method, on a client whose fetch records.
function sdkRequest(Api, name, request) {
  let seen
  const rec = { settings: client.settings, fetch: async (req) => { seen = req; return {} } }
  const api = new Api(client)
  api.client = rec
  return api[name](request).then(() => seen)
}
const queryPairs = (p) => (p ? [...new URLSearchParams(p)] : [])
async function compareWrite(args, Api, name, request, marshal) {
  await dedi(args)
  const got = await lastWrite()
  const want = await sdkRequest(Api, name, request)
  strictEqual(got.method, want.method)
  strictEqual(got.path, want.path)
  deepStrictEqual(got.query, queryPairs(want.urlParams))
  // the same keys and values; JSON.stringify drops the undefined ones
  deepStrictEqual(JSON.parse(got.body), JSON.parse(want.body))
  deepStrictEqual(JSON.parse(got.body), JSON.parse(JSON.stringify(marshal(request, client.settings))))
}

const home = mkdtempSync(join(tmpdir(), 'dedi-sdk-'))
const writes = []
try {
  const target = ctx.servers?.find((s) => s.status === 'ready' && s.zone === ZONE) ?? ctx.server
  const id = target?.id
  writes.push('servers edit --hostname')
  await point('write: servers edit --hostname matches marshalUpdateServerRequest', () =>
    compareWrite(['servers', 'edit', String(id), '--zone', ZONE, '--hostname', 'sdk-check.example.net'],
      Dediboxv1.API, 'updateServer', { serverId: id, hostname: 'sdk-check.example.net' },
      Dediboxv1.marshalUpdateServerRequest))
  writes.push('servers edit --tags')
  await point('write: servers edit --tags matches marshalUpdateServerTagsRequest', () =>
    compareWrite(['servers', 'edit', String(id), '--zone', ZONE, '--tags', 'web,sdk'],
      Dediboxv1.API, 'updateServerTags', { serverId: id, tags: ['web', 'sdk'] },
      Dediboxv1.marshalUpdateServerTagsRequest))
  writes.push('servers edit --reverse')
  await point('write: servers edit --reverse matches marshalUpdateReverseRequest', async () => {
    const s = await d.getServer({ serverId: id })
    const ip = s.interfaces.flatMap((i) => i.ips).find((x) => x.version === 'ipv4')
    ok(ip, 'the server has an IPv4 address')
    await compareWrite(['servers', 'edit', String(id), '--zone', ZONE, '--reverse', `${ip.address}=sdk.example.net.`],
      Dediboxv1.API, 'updateReverse', { ipId: ip.ipId, reverse: 'sdk.example.net.' },
      Dediboxv1.marshalUpdateReverseRequest)
  })
  writes.push('servers edit --backup-*')
  await point('write: servers edit --backup-* matches marshalUpdateServerBackupRequest', () =>
    compareWrite(['servers', 'edit', String(id), '--zone', ZONE, '--backup-autologin', 'on', '--backup-acl', 'off'],
      Dediboxv1.API, 'updateServerBackup', { serverId: id, autologin: true, aclEnabled: false },
      Dediboxv1.marshalUpdateServerBackupRequest))
} finally {
  rmSync(home, { recursive: true, force: true })
  sandbox.child.kill('SIGTERM')
}

console.log(`1..${n}`)
console.log(`# SDK reads: ${inSdk.size}; called and decoded: ${served}; not served by the sandbox (404 decoded): ${skipped.length}`)
if (skipped.length) console.log(`# not served: ${skipped.join(' ')}`)
console.log(`# SDK writes: ${writeCount}; compared with what dedi sends: ${writes.length} (${writes.join(', ')})`)
process.exitCode = failed ? 1 : 0
