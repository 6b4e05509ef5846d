/** The compiler's default cap on request bodies, and the most a user may raise it to. */
export const DEFAULT_MAX_REQUESTS = 8;
export const MAX_REQUESTS_CAP = 1000;
