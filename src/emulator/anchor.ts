/**
 * The earliest anchor of generated chats, 1971-01-01: they span the year before it, from 1970 on.
 * Its own module, so that `hcql run` can refuse a `--now` the demo cannot use without loading the
 * emulator.
 */
export const FIRST_ANCHOR = 365 * 24 * 3600;
