/**
 * The SSRF rule of webhook delivery: the app must never be made to POST into its own network.
 * An address is forbidden unless it is ordinary public unicast. Anything not parseable as an IP is
 * forbidden too (fail closed). IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address they reach.
 */

/** [network, prefix length] pairs of IPv4 space that is not public unicast. */
const FORBIDDEN_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation TEST-NET-2
  ['203.0.113.0', 24], // documentation TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, including broadcast 255.255.255.255
];

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIPv4(ip: string): boolean {
  return V4.test(ip);
}

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function v4InNet(ip: number, [net, bits]: [string, number]): boolean {
  const size = 2 ** (32 - bits);
  const base = v4ToInt(net);
  return ip >= base && ip < base + size;
}

function forbiddenV4(ip: number): boolean {
  return FORBIDDEN_V4.some((range) => v4InNet(ip, range));
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, dotted tail converted). */
function v6Groups(text: string): number[] | undefined {
  let ip = text.replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (dotted?.[1]) {
    if (!isIPv4(dotted[1])) {
      return undefined;
    }
    const n = v4ToInt(dotted[1]);
    ip = ip.slice(0, -dotted[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = ip.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const parse = (part: string | undefined) =>
    part
      ? part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : -1))
      : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 2 && fill === 0)) {
    return undefined;
  }
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

function embeddedV4(high: number, low: number): number {
  return high * 65_536 + low;
}

function forbiddenV6(g: number[]): boolean {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h = 0, i = 0] = g;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(5) && f === 0xffff) {
    return forbiddenV4(embeddedV4(h, i)); // IPv4-mapped ::ffff:a.b.c.d
  }
  if (zeroTo(6)) {
    return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
  }
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) {
    return forbiddenV4(embeddedV4(h, i)); // NAT64 well-known prefix 64:ff9b::/96
  }
  if (a === 0x2002) {
    return forbiddenV4(embeddedV4(b, c)); // 6to4 carries the IPv4 address in bits 16–47
  }
  if ((a & 0xe000) !== 0x2000) {
    // Outside global unicast 2000::/3: fc00::/7 unique-local, fe80::/10 link-local, ff00::/8
    // multicast, 64:ff9b:1::/48 local NAT64, 100::/64 discard, …
    return true;
  }
  return (
    (a === 0x2001 && b < 0x200) || // 2001::/23 IETF protocol assignments (Teredo, ORCHID, …)
    (a === 0x2001 && b === 0xdb8) || // 2001:db8::/32 documentation
    (a & 0xfff0) === 0x3ff0 // 3fff::/20 documentation
  );
}

/** Whether a webhook may not be delivered to `ip` (IPv4 or IPv6 text). */
export function isForbiddenAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIPv4(bare)) {
    return forbiddenV4(v4ToInt(bare));
  }
  const groups = bare.includes(':') ? v6Groups(bare) : undefined;
  return groups === undefined || forbiddenV6(groups);
}
