import ipaddr from "ipaddr.js";

/**
 * OPSGATE_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-For the
 * status front believes (comma-separated addresses or CIDR ranges). From any
 * other peer the header is replaced by the peer's own address, so a client
 * cannot pick its throttling bucket.
 */
export type TrustedProxies = (addr: string) => boolean;

export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const raw of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const cidr = raw.includes("/") ? raw : `${raw}/${raw.includes(":") ? 128 : 32}`;
    const [addr, bits] = ipaddr.parseCIDR(cidr); // throws on a typo: the launcher refuses to start
    ranges.push([addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr, bits]);
  }
  return (addr: string) => {
    if (!ipaddr.isValid(addr)) return false;
    const a = ipaddr.process(addr);
    return ranges.some(([r, bits]) => r.kind() === a.kind() && a.match(r, bits));
  };
}

/** The client address: the peer, or, behind trusted proxies, the rightmost X-Forwarded-For entry that is not one of them. */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string {
  if (!trusted(peer) || !forwardedFor) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").map((s) => s.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted(hops[i])) return hops[i];
  return hops[0] ?? peer;
}
