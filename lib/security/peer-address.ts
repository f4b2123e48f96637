/**
 * Route handlers never see the socket, and Next keeps a client's own `x-forwarded-for`. So the
 * server stamps each request with its TCP peer's address in `x-parley-peer`, overwriting anything
 * a client sent under that name. Trusted-header mode checks it against PARLEY_TRUSTED_PROXY.
 */
import http from "node:http";

export const PEER_HEADER = "x-parley-peer";

const state = globalThis as typeof globalThis & { __parleyPeerPatched?: boolean };

export function installPeerAddressHeader(): void {
  if (state.__parleyPeerPatched) return;
  state.__parleyPeerPatched = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patched(
    this: http.Server,
    event: string | symbol,
    ...args: unknown[]
  ) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = normaliseAddress(req.socket?.remoteAddress ?? "");
    }
    return (emit as (event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
export function normaliseAddress(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
