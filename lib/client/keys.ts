/** Query keys, from one place so invalidation can't drift from the queries. */
export const queryKeys = {
  config: ["config"] as const,
} as const;
