/**
 * UUIDv7 ids, made in the app so every driver and Postgres version gets the same ones. They sort
 * by creation time, which breaks ties between rows written in the same millisecond (siblings,
 * imports) and keeps primary-key inserts at the right edge of the index.
 */
import { randomBytes } from "node:crypto";

let lastMs = 0;
let seq = 0;

export function newId(): string {
  let ms = Date.now();
  // A 12-bit counter keeps ids from one process strictly increasing within a millisecond.
  if (ms <= lastMs) {
    ms = lastMs;
    seq += 1;
    if (seq > 0xfff) {
      ms += 1;
      seq = 0;
    }
  } else {
    seq = 0;
  }
  lastMs = ms;
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Postgres throws on a malformed uuid; queries check first so a bad id reads as "not found". */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_RE.test(value);
}
