import { describe, expect, it } from "vitest";
import { appOrigin, checkCsrf } from "@/lib/security/csrf";

const APP = "http://127.0.0.1:3000";
const req = (method: string, headers: Record<string, string> = {}) =>
  new Request(`${APP}/api/import`, { method, headers: { host: "127.0.0.1:3000", ...headers } });

describe("checkCsrf", () => {
  it("never checks GET or HEAD", () => {
    expect(checkCsrf(req("GET", { origin: "https://evil.example" })).ok).toBe(true);
    expect(checkCsrf(req("HEAD", { "sec-fetch-site": "cross-site" })).ok).toBe(true);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])("refuses a cross-site %s", (method) => {
    expect(checkCsrf(req(method, { origin: "https://evil.example" })).ok).toBe(false);
    expect(checkCsrf(req(method, { origin: "null" })).ok).toBe(false);
    expect(checkCsrf(req(method, { "sec-fetch-site": "cross-site", origin: APP })).ok).toBe(false);
    expect(checkCsrf(req(method, { "sec-fetch-site": "same-site" })).ok).toBe(false);
  });

  it("accepts the app's own origin, as the browser saw it", () => {
    expect(checkCsrf(req("POST", { origin: APP, "sec-fetch-site": "same-origin" })).ok).toBe(true);
    const proxied = req("POST", {
      origin: "https://chat.example.com",
      "x-forwarded-host": "chat.example.com",
      "x-forwarded-proto": "https",
    });
    expect(checkCsrf(proxied).ok).toBe(true);
    expect(
      checkCsrf(req("POST", { origin: "https://chat.example.com" }), "https://chat.example.com").ok,
    ).toBe(true);
    expect(checkCsrf(req("POST", { origin: APP }), "https://chat.example.com").ok).toBe(false);
  });

  it("allows no Origin only without a session cookie", () => {
    expect(checkCsrf(req("POST")).ok).toBe(true);
    expect(checkCsrf(req("POST", { cookie: "theme=dark" })).ok).toBe(true);
    expect(checkCsrf(req("POST", { cookie: "parley.session_token=abc" })).ok).toBe(false);
    expect(checkCsrf(req("POST", { cookie: "a=1; __Secure-parley.session_token=abc" })).ok).toBe(false);
    expect(
      checkCsrf(req("POST", { cookie: "parley.session_token=abc", "sec-fetch-site": "same-origin" })).ok,
    ).toBe(true);
  });

  it("derives the origin from Host, the proxy's headers or PARLEY_URL", () => {
    expect(appOrigin(req("POST"))).toBe(APP);
    expect(appOrigin(req("POST"), "https://chat.example.com/x")).toBe("https://chat.example.com");
  });
});
