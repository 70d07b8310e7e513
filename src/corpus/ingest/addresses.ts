// Which network addresses a fetch of a stranger's link may reach. The bot fetches what anyone with /add pastes:
// without this, a link could make it read the host's own services (127.0.0.1, a cloud metadata address,
// 169.254.169.254) or the private network around it. Pure: parsing and ranges only, no DNS.
import { isIPv4, isIPv6 } from 'node:net'

/** [first address as a number, prefix length, what it is] for IPv4. */
const IPV4_REFUSED: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved (IETF protocol assignments)'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved (benchmarking)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved (and broadcast)'],
]

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function ipv4Reason(address: string): string | null {
  const n = ipv4Number(address)
  for (const [base, bits, what] of IPV4_REFUSED) {
    const size = 2 ** (32 - bits)
    const start = ipv4Number(base)
    if (n >= start && n < start + size) return what
  }
  return null
}

/** The 16 bytes of an IPv6 address (the caller has checked it with isIPv6), a trailing dotted IPv4 included. */
export function ipv6Bytes(address: string): number[] {
  let text = address.replace(/%.*$/, '')
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const n = ipv4Number(dotted[1]!)
    text = `${text.slice(0, dotted.index)}${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null]
  const groups = (part: string | null | undefined) => (part ? part.split(':').filter(Boolean) : [])
  const front = groups(head)
  const back = groups(tail)
  const middle = tail === null ? [] : new Array<string>(8 - front.length - back.length).fill('0')
  const bytes: number[] = []
  for (const group of [...front, ...middle, ...back]) {
    const value = parseInt(group, 16)
    bytes.push(value >> 8, value & 0xff)
  }
  return bytes
}

function ipv6Reason(address: string): string | null {
  const b = ipv6Bytes(address)
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0)
  const embedded = () => b.slice(12).join('.')
  if (zeros(0, 16)) return 'unspecified'
  if (zeros(0, 15) && b[15] === 1) return 'loopback'
  // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form (::a.b.c.d): judged as the IPv4 address they carry.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return ipv4Reason(embedded())
  if (zeros(0, 12)) return ipv4Reason(embedded())
  // NAT64 (64:ff9b::/96) reaches the IPv4 address it carries.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return ipv4Reason(embedded())
  if (b[0] === 0xff) return 'multicast'
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local'
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'site-local'
  if ((b[0]! & 0xfe) === 0xfc) return 'private (unique local)'
  return null
}

/**
 * Why `address` (an IPv4 or IPv6 literal) must not be fetched from: "loopback", "private", "link-local",
 * "shared (CGNAT)", "multicast", "unspecified" and the like; null for a public address. Anything that is not an
 * IP address is refused too.
 */
export function refusedAddress(address: string): string | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1')
  if (isIPv4(bare)) return ipv4Reason(bare)
  if (isIPv6(bare)) return ipv6Reason(bare)
  return 'not an IP address'
}
