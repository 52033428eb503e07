/** The states and byte classes of JsonStreamReader (jsonReader.ts): what it expects next, and what each byte may be. */

// what the reader expects next
export const VALUE = 0; // a value (at the top, after ':' or after ',' in a list)
export const VALUE_OR_CLOSE = 1; // after '['
export const KEY_OR_CLOSE = 2; // after '{'
export const KEY = 3; // after ',' in an object
export const COLON = 4;
export const AFTER_VALUE = 5; // ',' or the container's close
export const DONE = 6; // the top value has ended: only whitespace may follow
export const IN_TEXT = 7; // inside a string (a key or a value)
export const IN_NUMBER = 8; // a number cut by the end of a chunk
export const IN_LITERAL = 9; // true / false / null cut by the end of a chunk

export const OBJECT = 1;
export const LIST = 2;

/** Bytes a number token may hold: digits, sign, point, exponent. */
export const NUMBER_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eE') NUMBER_BYTE[c.charCodeAt(0)] = 1;
export const HEX_BYTE = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX_BYTE[c.charCodeAt(0)] = 1;
export const ESCAPE_BYTE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPE_BYTE[c.charCodeAt(0)] = 1;

export const LITERALS: Record<number, { text: string; value: boolean | null }> = {
  0x74: { text: 'true', value: true },
  0x66: { text: 'false', value: false },
  0x6e: { text: 'null', value: null },
};

export const NOT_JSON = 'the request is not valid JSON';
