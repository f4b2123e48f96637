/**
 * Headers applied to every response. The CSP is the backstop for the rule that model output is
 * untrusted: even if a renderer bug let markup through, scripts from elsewhere, inline event
 * handlers and remote images would still be refused by the browser.
 */
export function securityHeaders(): { key: string; value: string }[] {
  const isDev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    // Next.js injects small inline bootstrap scripts; dev mode also needs eval for HMR.
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Remote images are only shown after the user clicks "load image"; https is allowed for that.
    "img-src 'self' data: blob: https:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "no-referrer" },
    { key: "X-Frame-Options", value: "DENY" },
  ];
}
