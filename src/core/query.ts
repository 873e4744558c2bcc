import { caselessTest, type Placement } from './caseless.js';

/**
 * The query language, as fzf users know it: space-separated terms that must all match; `a | b`
 * matches either; `'exact`, `^prefix`, `suffix$`, `!not` (also `!^not`, `!not$`); `\ ` escapes a
 * space. Fuse.js has the same term syntax but binds `|` looser than space and applies `!not` to
 * every key, so we parse here and hand Fuse.js a query with fzf's meaning (see compileQuery).
 */
export interface QueryAlternative {
  /** The term in Fuse.js extended syntax (phrases with spaces are double-quoted). */
  pattern: string;
  /** The term's words without operators, for candidate lookup and display. */
  literal: string;
  inverse: boolean;
  kind: 'fuzzy' | 'exact' | 'prefix' | 'suffix';
}

/** A term matches when any of its alternatives does; a query matches when all its terms do. */
export type QueryTerm = QueryAlternative[];

function splitTokens(query: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < query.length; i++) {
    const ch = query[i]!;
    if (ch === '\\' && query[i + 1] === ' ') {
      current += ' ';
      i++;
    } else if (/\s/.test(ch)) {
      if (current) tokens.push(current);
      current = '';
    } else current += ch;
  }
  if (current) tokens.push(current);
  return tokens;
}

function parseAlternative(token: string): QueryAlternative | null {
  let rest = token;
  const inverse = rest.startsWith('!');
  if (inverse) rest = rest.slice(1);
  let kind: QueryAlternative['kind'] = inverse ? 'exact' : 'fuzzy';
  let operator = '';
  if (rest.startsWith("'")) {
    kind = 'exact';
    operator = "'";
    rest = rest.slice(1);
  } else if (rest.startsWith('^')) {
    kind = 'prefix';
    operator = '^';
    rest = rest.slice(1);
  }
  let suffixMark = '';
  if (rest.endsWith('$') && rest.length > 1 && operator !== '^') {
    kind = 'suffix';
    suffixMark = '$';
    rest = rest.slice(0, -1);
  }
  // An operator with nothing after it (`!`, `'`, `^`, `!^`) is no term yet, as in fzf: typing
  // `oil !opec` does not empty the list at `oil !`. A lone `$` is text (a price) there too.
  if (rest.length === 0 && token !== '$') return null;
  if (rest.length === 0 || /["|]/.test(rest)) {
    // Fuse.js reserves double quotes, and splits its query at every `|` (fzf's `|` is a term of
    // its own: `oil |o` is oil and `|o`): search the token as typed, without them, its operators
    // read as operators (`!o|` is `!o`). Taken as text, Fuse.js still read them: the prefilter
    // looked for the text "!o" and Fuse.js for passages without an "o", two different answers.
    const stripped = token.replace(/["|]/g, '');
    if (stripped.length === 0) return null;
    if (stripped !== token) return parseAlternative(stripped);
    return { pattern: stripped, literal: stripped, inverse: false, kind: 'fuzzy' };
  }
  const body = rest.includes(' ') ? `"${rest}"` : rest;
  return { pattern: `${inverse ? '!' : ''}${operator}${body}${suffixMark}`, literal: rest, inverse, kind };
}

/**
 * A fuzzy term longer than this is matched as exact text: Fuse.js's Bitap matches 32 characters
 * a pass and splits a longer pattern into chunks, each a pass over every passage that the
 * prefilter cannot narrow (a 64-letter term took 20 s on Reuters, 1,000 letters over 4 minutes).
 */
export const MAX_FUZZY_LENGTH = 32;
/**
 * Terms after this many are dropped: each costs a scan of the vocabulary and a Fuse.js matcher
 * per passage, and no passage holds all the words of a pasted paragraph anyway.
 */
export const MAX_TERMS = 32;

export interface ParsedQuery {
  terms: QueryTerm[];
  /** How the query was cut to bound its work, one sentence each ("query cut: ..."); empty when it was not. */
  notes: string[];
}

/** The query's terms, bounded (see MAX_FUZZY_LENGTH, MAX_TERMS), and notes saying what was cut. */
export function parseBoundedQuery(query: string): ParsedQuery {
  // The corpus is NFC (decode.ts): a query typed with combining marks must be too, to match it.
  const tokens = splitTokens(query.normalize('NFC'));
  const terms: QueryTerm[] = [];
  const notes: string[] = [];
  let joinNext = false;
  let given = 0;
  let exactInstead = 0;
  for (const token of tokens) {
    if (token === '|') {
      joinNext = terms.length > 0;
      continue;
    }
    const parsed = parseAlternative(token);
    if (!parsed) continue;
    const previous = terms[terms.length - 1];
    const joined = joinNext && previous !== undefined;
    joinNext = false;
    // Once terms are dropped, alternatives joined to a dropped term go with it.
    if (!joined) given++;
    if (given > MAX_TERMS) continue;
    let alternative = parsed;
    if (alternative.kind === 'fuzzy' && alternative.literal.length > MAX_FUZZY_LENGTH) {
      alternative = asExact(alternative);
      exactInstead++;
    }
    if (joined) previous.push(alternative);
    else terms.push([alternative]);
  }
  if (exactInstead > 0) {
    notes.push(`query cut: ${exactInstead === 1 ? 'a term' : `${exactInstead} terms`} over ${MAX_FUZZY_LENGTH} characters matched as exact text`);
  }
  if (given > MAX_TERMS) notes.push(`query cut: only the first ${MAX_TERMS} of ${given} terms used`);
  return { terms, notes };
}

/** A fuzzy alternative matched as exact text instead ('literal). */
function asExact(alternative: QueryAlternative): QueryAlternative {
  const body = alternative.literal.includes(' ') ? `"${alternative.literal}"` : alternative.literal;
  return { pattern: `'${body}`, literal: alternative.literal, inverse: false, kind: 'exact' };
}

export function parseQuery(query: string): QueryTerm[] {
  return parseBoundedQuery(query).terms;
}

/** What parseQuery cut from `query` to bound its work, one line each, for a status line or stderr. */
/** Whether `query` has no term: nothing typed, or only operators waiting for their text (`!`, `'`). */
export function isBlankQuery(query: string): boolean {
  return query.trim() === '' || parseQuery(query).length === 0;
}

export function queryNotes(query: string): string[] {
  return parseBoundedQuery(query).notes;
}

/** More `|` combinations than this are refused rather than expanded (each is a Fuse.js pass). */
export const MAX_ALTERNATIVE_GROUPS = 64;

export class QueryError extends Error {
  override name = 'QueryError';
}

export interface CompiledQuery {
  /**
   * Fuse.js extended-syntax string for the positive terms, or null when there are none. Fuse.js
   * reads `|` as separating whole AND-groups, so fzf's `a b | c` becomes `a b | a c`.
   */
  fuse: string | null;
  /**
   * Terms with a `!not`, `^prefix` or `suffix$` alternative, checked against the passage text
   * after Fuse.js: Fuse.js would require a `!not` to hold in every key (a title naming China
   * would hide every passage of that article from `!China`) and lets anchors match the title.
   */
  filters: QueryTerm[];
}

export function compileQuery(terms: readonly QueryTerm[]): CompiledQuery {
  const positive = terms.filter((term) => term.every((alternative) => !alternative.inverse));
  // Anchors also go to Fuse.js (for ranking and highlights) but must hold in the text itself:
  // `^China` means passages that start with China, not passages of an article titled "China ...".
  const filters = terms.filter((term) =>
    term.some((alternative) => alternative.inverse || alternative.kind === 'prefix' || alternative.kind === 'suffix'),
  );
  if (positive.length === 0) return { fuse: null, filters };
  let groups: string[][] = [[]];
  for (const term of positive) {
    if (groups.length * term.length > MAX_ALTERNATIVE_GROUPS) {
      throw new QueryError(`too many | alternatives (more than ${MAX_ALTERNATIVE_GROUPS} combinations)`);
    }
    groups = groups.flatMap((group) => term.map((alternative) => [...group, alternative.pattern]));
  }
  return { fuse: groups.map((group) => group.join(' ')).join(' | '), filters };
}

/** Where an alternative must be found in a text: `^prefix` at its start, `suffix$` at its end, else anywhere. */
export function placementOf({ kind }: Pick<QueryAlternative, 'kind'>): Placement {
  return kind === 'prefix' ? 'start' : kind === 'suffix' ? 'end' : 'anywhere';
}

/**
 * Whether a text satisfies every filter term (each by at least one alternative), compared
 * lower-cased, as one test made for many texts: it lower-cases no text where that cannot change
 * the answer (see caseless.ts).
 */
export function filtersTest(filters: readonly QueryTerm[]): (text: string) => boolean {
  const terms = filters.map((term) =>
    term.map((alternative) => {
      const { inverse, literal } = alternative;
      const found = caselessTest(literal.toLowerCase(), placementOf(alternative));
      return inverse ? (text: string) => !found(text) : found;
    }),
  );
  return (text) => terms.every((alternatives) => alternatives.some((holds) => holds(text)));
}

/**
 * Bitap passes Fuse.js makes over one record for these terms: one per 32-character chunk of each
 * positive fuzzy alternative (exact, prefix and suffix terms are substring tests). A measure of
 * a query's cost per record, for tests that bound it.
 */
export function bitapPasses(terms: readonly QueryTerm[]): number {
  let passes = 0;
  for (const term of terms) {
    for (const { kind, inverse, literal } of term) if (kind === 'fuzzy' && !inverse) passes += Math.ceil(literal.length / MAX_FUZZY_LENGTH);
  }
  return passes;
}
