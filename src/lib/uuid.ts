/**
 * zod's `z.uuid()` pattern (any RFC 9562 version, the nil and max UUIDs), for code the browser
 * loads: importing zod there ships its runtime to every page (decision 041).
 */
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

export const isUuid = (value: string): boolean => UUID.test(value);
