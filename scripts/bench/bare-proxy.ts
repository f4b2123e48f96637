/**
 * The floor a relay can reach: a bare node:http pass-through to the gateway, no parsing, no
 * framework. The relay benchmark runs it in its own process and compares CPU per event against it.
 * Usage: tsx scripts/bench/bare-proxy.ts --port P --upstream http://127.0.0.1:Q/v1
 */
import http from "node:http";

const args = process.argv.slice(2);
const arg = (name: string) => args[args.indexOf(name) + 1];
const port = Number(arg("--port"));
const upstream = new URL(arg("--upstream") ?? "http://127.0.0.1:4000/v1");

const server = http.createServer((req, res) => {
  const path = `${upstream.pathname.replace(/\/$/, "")}${(req.url ?? "/").replace(/^\/v1/, "")}`;
  const out = http.request(
    { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  out.on("error", () => res.destroy());
  res.on("close", () => out.destroy());
  req.pipe(out);
});
server.listen(port, "127.0.0.1", () => console.log(`bare proxy on ${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
