/** The benchmark's queries. */

/**
 * Typed one character at a time: names, misspellings, numbers, a 40-character quote fragment,
 * and the extended syntax. Chosen for the real corpora (Reuters 1987, ECB+ news, the bundled story).
 */
export const QUERIES: readonly string[] = [
  'Hua Chunying',
  'Volcker',
  'Hua Chuning',
  'Volker Baker',
  'earthquak',
  '1987',
  '3.5 pct',
  'Baker and Volcker gave these views at',
  "'dlrs",
  'oil !opec',
  '^the',
  'coffee | cocoa',
];
