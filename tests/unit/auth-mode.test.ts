import { afterEach, describe, expect, it } from "vitest";
import { authMode, listenHost } from "@/lib/auth/mode";
import { resetServerEnvForTests } from "@/lib/env";

const saved = { auth: process.env.PARLEY_AUTH, host: process.env.HOSTNAME, argv: process.argv };

afterEach(() => {
  process.argv = saved.argv;
  for (const [k, v] of [
    ["PARLEY_AUTH", saved.auth],
    ["HOSTNAME", saved.host],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetServerEnvForTests();
});

function withHost(argv: string[], hostname?: string) {
  process.argv = ["node", "next", "start", ...argv];
  if (hostname === undefined) delete process.env.HOSTNAME;
  else process.env.HOSTNAME = hostname;
  delete process.env.PARLEY_AUTH;
  resetServerEnvForTests();
}

describe("PARLEY_AUTH's default", () => {
  it.each([
    [["-H", "127.0.0.1"], undefined],
    [["--hostname", "::1"], undefined],
    [["--hostname=localhost"], undefined],
    [[], "127.0.0.1"],
  ])("is single-user on loopback (%j, HOSTNAME=%s)", (argv, hostname) => {
    withHost(argv, hostname);
    expect(authMode()).toBe("none");
  });

  it.each([
    [["-H", "0.0.0.0"], undefined],
    // `next start` with no host listens on every interface.
    [[], undefined],
    [[], "0.0.0.0"],
    [[], "my-container"],
    [["-H", "192.168.1.5"], "localhost"],
  ])("is accounts elsewhere (%j, HOSTNAME=%s)", (argv, hostname) => {
    withHost(argv, hostname);
    expect(authMode()).toBe("password");
  });

  it("follows PARLEY_AUTH when set", () => {
    withHost(["-H", "0.0.0.0"]);
    process.env.PARLEY_AUTH = "none";
    resetServerEnvForTests();
    expect(authMode()).toBe("none");
    expect(listenHost(["x", "-H", "10.0.0.1"])).toBe("10.0.0.1");
  });
});
