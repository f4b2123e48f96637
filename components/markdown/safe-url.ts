/** Model output is untrusted: links may only be http, https or mailto. */
const ALLOWED_LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
const ALLOWED_IMAGE_PROTOCOLS = new Set(["http:", "https:"]);

function parse(raw: string, allowed: Set<string>): string | null {
  // Control characters and whitespace inside a scheme are a classic filter bypass: refuse them.
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return null;
  }
  try {
    const url = new URL(raw.trim());
    return allowed.has(url.protocol) ? url.href : null;
  } catch {
    return null; // relative or malformed: not shown as a link
  }
}

export function safeLinkHref(raw: string): string | null {
  return parse(raw, ALLOWED_LINK_PROTOCOLS);
}

export function safeImageSrc(raw: string): string | null {
  return parse(raw, ALLOWED_IMAGE_PROTOCOLS);
}
