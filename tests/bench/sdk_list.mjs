// Row 7 of make bench: the same listing as "dedi servers list --json",
// written as a user of the official SDK would write it (every zone at
// once, each zone's pages walked by the SDK). Prints the server count.
//   node sdk_list.mjs URL SECRET_KEY
import { createClient } from '@scaleway/sdk-client'
import { Dediboxv1 } from '@scaleway/sdk-dedibox'

const [url, secretKey] = process.argv.slice(2)
const client = createClient({
  apiURL: url,
  accessKey: 'SCWBENCH000000000000',
  secretKey,
  defaultZone: 'fr-par-1',
  defaultRegion: 'fr-par',
})
const api = new Dediboxv1.API(client)
const zones = ['fr-par-1', 'fr-par-2', 'nl-ams-1']
const lists = await Promise.all(zones.map((zone) => api.listServers({ zone, pageSize: 100 }).all()))
process.stdout.write(JSON.stringify(lists.flat()).length > 0 ? `${lists.flat().length}\n` : '0\n')
