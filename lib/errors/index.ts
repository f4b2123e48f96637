/** Parley's error vocabulary: codes, words, the browser's reading of them, JSON error bodies. */
export * from "./codes";
export * from "./describe";
export * from "./json";
export * from "./wording";
