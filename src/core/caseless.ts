/**
 * Whether a text, lower-cased, includes (starts with, ends with) a lower-cased string: the
 * question the filters and the direct candidate test ask of thousands of passages per key.
 * Lower-casing each passage to ask it makes as many strings of garbage; a case-insensitive
 * pattern gives the same answer without, for the strings typed in ASCII.
 */

export type Placement = 'anywhere' | 'start' | 'end';

/** Characters other than ASCII letters that lower-case to one: U+0130 to "i̇", U+212A (Kelvin) to "k". */
const LOWERS_TO_ASCII = /[\u0130\u212A]/;
/** Printable ASCII: what the pattern below is made for (anything else is lower-cased as before). */
const PRINTABLE_ASCII = /^[ -~]*$/;

function lowerCasedTest(lower: string, placement: Placement): (text: string) => boolean {
  if (placement === 'start') return (text) => text.toLowerCase().startsWith(lower);
  if (placement === 'end') return (text) => text.toLowerCase().endsWith(lower);
  return (text) => text.toLowerCase().includes(lower);
}

/** A test of `text.toLowerCase()` holding `lower` (itself lower-cased) at `placement`. */
export function caselessTest(lower: string, placement: Placement): (text: string) => boolean {
  const lowerCased = lowerCasedTest(lower, placement);
  if (!PRINTABLE_ASCII.test(lower)) return lowerCased;
  const escaped = lower.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // Without the u flag, an ASCII character of the pattern matches no other character than its own two cases.
  const pattern = new RegExp(placement === 'start' ? `^${escaped}` : placement === 'end' ? `${escaped}$` : escaped, 'i');
  if (!/[ik]/.test(lower)) return (text) => pattern.test(text);
  return (text) => pattern.test(text) || (LOWERS_TO_ASCII.test(text) && lowerCased(text));
}
