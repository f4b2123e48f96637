/**
 * The limits of a chat request, as plain numbers: the settings form and the composer check them
 * in the browser, lib/validations/chat.ts enforces them on the server. No zod here, so the chat
 * page does not carry zod to read a few constants.
 */
export const LIMITS = {
  messages: 200,
  textChars: 100_000,
  totalTextChars: 400_000,
  imagesPerMessage: 8,
  imagesTotal: 16,
  /** A data URL after the browser's downscale is far below this; it guards the server. */
  imageUrlChars: 7_000_000,
  systemChars: 20_000,
  bodyBytes: 32 * 1024 * 1024,
  maxTokens: 64_000,
} as const;

export const PARAM_RANGES = {
  temperature: { min: 0, max: 1, step: 0.05, default: 0.7 },
  top_p: { min: 0, max: 1, step: 0.01, default: 1 },
  max_tokens: { min: 1, max: LIMITS.maxTokens, step: 1, default: 4096 },
} as const;
