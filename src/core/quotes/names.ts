/**
 * Names in news text: the capitalised run that names a speaker, with roles and titles in front of
 * it dropped ("Foreign Ministry spokeswoman Hua Chunying" -> Hua Chunying), and surname-only
 * mentions resolved to the full name the article introduced ("Hua" -> Hua Chunying).
 */

import { GENERATIONS, lastWord, samePerson, surnameOf } from './surnames.js';
import { NAME_PARTICLES, NOT_NAMES, ORGANISATION_WORDS, PARTY_MEMBERS, ROLES } from './nameWords.js';
import { outsideHeadlines } from './headlines.js';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** The characters between the previous token and this one. */
  gap: string;
}

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** The words of `text`; `offset` is added to their positions (where `text` sits in its document). */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    tokens.push({ text: match[0], lower: match[0].toLowerCase(), start: start + offset, end: start + offset + match[0].length, gap: text.slice(last, start) });
    last = start + match[0].length;
  }
  return tokens;
}

export const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

/** Definite references that stand for an organisation named before ("the company said"). */
export const REFERENCE_NOUNS = new Set(['company', 'statement', 'firm', 'ministry', 'government', 'group', 'platform', 'report', 'agency']);

export function isCapitalised(token: Token): boolean {
  const code = token.text.charCodeAt(0);
  // ASCII first: news text is mostly ASCII, and the Unicode property test is slow on every word.
  if (code < 128) return code >= 65 && code <= 90;
  return /^\p{Lu}/u.test(token.text);
}

export function isRole(token: Token): boolean {
  return ROLES.has(token.lower);
}

/** A role or title written as a word of its own ("Spokeswoman", "Sen."). */
export function isRoleWord(word: string): boolean {
  return ROLES.has(word.toLowerCase().replace(/\.$/, ''));
}

/** Nouns that describe who someone is without being a title ("X, a doctor at …" … "added the doctor"). */
const DESCRIPTIVE_ROLES = new Set(['doctor', 'physician', 'surgeon', 'nurse', 'teacher', 'witness', 'engineer', 'pilot', 'farmer', 'firefighter', 'paramedic', 'scientist']);

/** A role "the <role> said" can stand for: a title or a description of a person. */
export function isReferenceRole(token: Token): boolean {
  return ROLES.has(token.lower) || DESCRIPTIVE_ROLES.has(token.lower);
}

/** Titles that are also common surnames: "Billy King", "Ann Bishop" (after a first name they are the name). */
const SURNAME_ROLES = new Set(['king', 'bishop', 'judge', 'chancellor', 'cardinal', 'prince', 'pope']);

/** A title-like surname after a first name: "Billy King said" names Billy King. */
export function isSurnameRole(previous: Token | undefined, token: Token): boolean {
  return previous !== undefined && SURNAME_ROLES.has(token.lower) && isCapitalised(token) && isNameWord(previous) && joinsName(previous, token);
}

/** A lone title-like surname is a speaker only when the article named its bearer in full. */
export function isBareSurnameRole(name: string): boolean {
  return SURNAME_ROLES.has(name.toLowerCase());
}

/** A name word, or a title-like surname after one ("Billy King"). */
export function isNameWordAfter(previous: Token | undefined, token: Token): boolean {
  return isNameWord(token) || isSurnameRole(previous, token);
}

export function isPossessive(token: Token): boolean {
  return /['’]s?$/.test(token.text);
}

/** A token that can be part of a name: capitalised, not a role, opener, day or possessive. */
export function isNameWord(token: Token): boolean {
  return isCapitalised(token) && !isRole(token) && !NOT_NAMES.has(token.lower) && !isPossessive(token);
}

/**
 * Only spaces between two words of one name (a comma, a dash or a mark ends it), or the period of
 * an initial or a title ("Thomas M. Davis", "Sen. Jane Doe").
 */
export function joinsName(previous: Token | undefined, token: Token): boolean {
  if (/^ +$/.test(token.gap)) return true;
  // "A.J. Smith" and "J. Smith": initials; "Sen. Smith": a title.
  const abbreviated = previous !== undefined && (/^\p{Lu}(?:\.\p{Lu})*$/u.test(previous.text) || ABBREVIATED_TITLES.has(previous.lower));
  return abbreviated && /^\. +$/.test(token.gap);
}

/** Short titles and the word a later reference uses ("Sen. X" … "the senator"). */
const ROLE_ABBREVIATIONS = new Map([
  ['sen', 'senator'], ['rep', 'representative'], ['gov', 'governor'], ['gen', 'general'], ['pres', 'president'],
  ['congressman', 'representative'], ['congresswoman', 'representative'], ['prof', 'professor'], ['dr', 'doctor'],
]);

/** Titles written with a period before a name: "Sen. Jane Doe", "Dr. Fauci". */
const ABBREVIATED_TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'capt', 'sgt', 'prof', 'rev', 'st', 'pres', 'supt', 'atty', 'const', 'det', 'insp', 'maj', 'cpl', 'pvt', 'adm']);

/** A name as written, initials keeping their period. */
export function nameText(tokens: readonly Token[]): string {
  const text = (words: readonly Token[]): string => words.map((token) => (/^\p{Lu}(?:\.\p{Lu})*$/u.test(token.text) ? `${token.text}.` : token.text)).join(' ');
  // "Republican Ada Berg": the party describes the person; "Republican National Committee" is the body's name.
  if (tokens.length > 2 && PARTY_MEMBERS.has(tokens[0]!.lower) && !isOrganisation(text(tokens.slice(1)))) return text(tokens.slice(1));
  return text(tokens);
}

export function isOrganisation(name: string): boolean {
  const words = name.toLowerCase().split(' ');
  return words.some((word) => ORGANISATION_WORDS.has(word));
}

/** Words of an office after "<title> of", not of the holder's name: "Secretary of State Jane Roe", "Chief of Staff Jo Lee". */
const OFFICE_WORDS = new Set(
  `state defense defence homeland security foreign affairs commerce treasury energy justice health education labor labour
  agriculture interior transportation transport veterans housing finance war staff trade environment culture national
  intelligence public safety human services management budget communications`.split(/\s+/),
);

/** Whether the token before `at` is the "of" of a title ("Secretary of …"). */
export function followsTitleOf(tokens: readonly Token[], at: number): boolean {
  const of = tokens[at - 1];
  const title = tokens[at - 2];
  return of?.lower === 'of' && title !== undefined && isRole(title) && isCapitalised(title);
}

/** A name run after "<title> of" without the office's words: "State Hillary Clinton" -> "Hillary Clinton". */
export function withoutOffice(run: readonly Token[]): Token[] {
  let from = 0;
  while (from < run.length - 1 && OFFICE_WORDS.has(run[from]!.lower)) from++;
  return run.slice(from);
}

export type Gender = 'male' | 'female';

/** Titles and roles that say whether the person is a man or a woman. */
const GENDERED_ROLES = new Map<string, Gender>([
  ...`mr sir lord king prince father brother congressman councilman chairman spokesman actor`.split(/\s+/).map((word): [string, Gender] => [word, 'male']),
  ...`mrs ms miss lady dame queen princess sister congresswoman councilwoman chairwoman spokeswoman actress`.split(/\s+/).map((word): [string, Gender] => [word, 'female']),
]);

/** Words opening an apposition that says who someone is. */
const APPOSITION_OPENERS = new Set(['a', 'an', 'the', 'his', 'her', 'their']);

/** Words of an apposition before its role noun: "X, a former Republican congressman", "X, an official from …". */
const APPOSITION_REACH = 4;

/**
 * The full names an article introduces (two or three name words in a row), with where each
 * appears, so that a later "said Hua" resolves to "Hua Chunying"; who holds which title; which
 * one-word names are people ("Mr. Ali", "Fauzi, an official …"); and who is a man or a woman.
 */
/** First names that end like a participle. */
const ING_NAMES = new Set(['irving', 'sterling', 'channing', 'manning', 'fielding', 'harding', 'browning']);

/** The gap before a sentence's first word: a full stop, question or exclamation mark (and closing marks), or a line break. */
const SENTENCE_GAP = /[.!?]["”’)]*\s+$|\n/;

export class NameBook {
  private readonly byWord = new Map<string, Array<{ name: string; at: number }>>();

  /** isSharedSurname's answers, each surname worked out once. */
  private readonly shared = new Map<string, boolean>();

  /** Lines set in title case, in order: their capitals do not make names. */
  private readonly headlines: Array<{ start: number; end: number }> = [];

  private readonly byRole = new Map<string, Array<{ start: number; run: Token[] }>>();

  /** One-word names a title or a role apposition marks as people. */
  private readonly people = new Set<string>();

  /** Names (and surnames) with the gender their titles give; null where two titles disagree. */
  private readonly genders = new Map<string, Gender | null>();

  constructor(text: string) {
    const tokens = outsideHeadlines(text, tokenize(text), this.headlines);
    let run: Token[] = [];
    let titled = false;
    let titleGender: Gender | undefined;
    const flush = (next: number): void => {
      if (run.length > 0) this.recordRun(followsTitleOf(tokens, next - run.length) ? withoutOffice(run) : run, titled, titleGender, tokens, next);
      run = [];
      titled = false;
      titleGender = undefined;
    };
    // "Plus Obama said", "Once Microsoft releases …": a common word capitalised only because it opens a
    // sentence is not a first name; the article writes it in lower case elsewhere, which a first name seldom is.
    const lowerCase = new Set(tokens.filter((token) => !isCapitalised(token)).map((token) => token.lower));
    const standalone = new Set(
      tokens.filter((token, index) => isNameWord(token) && !(tokens[index - 1] && isNameWord(tokens[index - 1]!) && joinsName(tokens[index - 1], token)) && !(tokens[index + 1] && isCapitalised(tokens[index + 1]!) && joinsName(token, tokens[index + 1]!))).map((token) => token.text),
    );
    // A party ("Republican Mitt Romney") describes the person, and a participle opening a sentence ("Following
    // Gigante's arrest", "Having Jackman host", "Echoing Gaviria") names no one by it; the first names that look
    // like one are few (Irving, Sterling, Channing). A name's particle ("De Clercq said", "de Clercq") is written
    // in lower case elsewhere and still opens the name.
    const participle = (word: string): boolean => /^\p{L}{3,}ing$/u.test(word) && !ING_NAMES.has(word);
    const commonWord = (token: Token): boolean => (lowerCase.has(token.lower) && !NAME_PARTICLES.has(token.lower)) || participle(token.lower);
    const opensName = (token: Token, index: number): boolean => !PARTY_MEMBERS.has(token.lower) && !(commonWord(token) && (index === 0 || SENTENCE_GAP.test(token.gap)));
    tokens.forEach((token, index) => {
      const previous = tokens[index - 1];
      // "President Donald Trump’s shutdown": a possessive ends a name and belongs to it, unless the word before
      // it names someone alone elsewhere ("said Hua Twitter’s removal": Hua is a name of its own, Twitter another).
      if (run.length > 0 && isCapitalised(token) && isPossessive(token) && joinsName(run[run.length - 1], token) && !standalone.has(run[0]!.text)) {
        const bare = token.text.replace(/['’]s?$/, '');
        const word = { ...token, text: bare, lower: bare.toLowerCase(), end: token.start + bare.length };
        if (isNameWord(word)) {
          run.push(word);
          flush(index + 1);
          return;
        }
      }
      if (isNameWordAfter(previous, token) && (run.length > 0 ? joinsName(run[run.length - 1], token) : opensName(token, index))) run.push(token);
      else {
        flush(index);
        if (isNameWord(token) && opensName(token, index)) run.push(token);
      }
      // "President Obama", "Gov. Asa Hutchinson": who holds a title, for a later "the president said".
      if (run.length === 1 && previous && isRole(previous) && isCapitalised(previous) && joinsName(previous, token)) {
        this.addHolder(ROLE_ABBREVIATIONS.get(previous.lower) ?? previous.lower, token.start, run);
        titled = true;
        titleGender = GENDERED_ROLES.get(previous.lower);
      }
    });
    flush(tokens.length);
  }

  private addHolder(role: string, start: number, run: Token[]): void {
    const holders = this.byRole.get(role) ?? [];
    holders.push({ start, run });
    this.byRole.set(role, holders);
  }

  private setGender(key: string, gender: Gender): void {
    const known = this.genders.get(key);
    this.genders.set(key, known === undefined || known === gender ? gender : null);
  }

  /** A finished name run: full names, titled one-word names, and a role apposition after it ("X, a doctor at …"). */
  private recordRun(run: Token[], titled: boolean, titleGender: Gender | undefined, tokens: readonly Token[], next: number): void {
    const name = nameText(run);
    // "Jesse Jackson Jr.": the surname is the word before the suffix.
    const core = run.length > 2 && GENERATIONS.has(run[run.length - 1]!.text) ? run.slice(0, -1) : run;
    if (core.length >= 2 && core.length <= 3 && !isOrganisation(name)) {
      for (const word of new Set([core[0]!.text, core[core.length - 1]!.text])) {
        const list = this.byWord.get(word) ?? [];
        list.push({ name, at: run[0]!.start });
        this.byWord.set(word, list);
      }
    }
    if (titled && run.length === 1) this.people.add(name);
    let gender = titleGender;
    const opener = tokens[next];
    // "X, a doctor at …", "X, his brother,", "X, Ben's older brother,".
    const describes = opener !== undefined && (APPOSITION_OPENERS.has(opener.lower) || (isCapitalised(opener) && isPossessive(opener)));
    if (opener && opener.gap.includes(',') && describes && !isOrganisation(name)) {
      for (let at = next + 1; at <= next + APPOSITION_REACH && tokens[at] && !/[,;:]/.test(tokens[at]!.gap); at++) {
        const role = tokens[at]!;
        if (isCapitalised(role) || !isReferenceRole(role)) continue;
        this.addHolder(ROLE_ABBREVIATIONS.get(role.lower) ?? role.lower, run[0]!.start, run);
        if (run.length === 1) this.people.add(name);
        gender ??= GENDERED_ROLES.get(role.lower);
        break;
      }
    }
    if (gender) for (const key of new Set([name, run[run.length - 1]!.text])) this.setGender(key, gender);
  }

  /** What the text's pronouns say of a person no title gave a gender: kept unless a title or an earlier reading said otherwise. */
  learnGender(name: string, gender: Gender): void {
    if (!this.genders.has(name)) this.genders.set(name, gender);
  }

  /** Whether the article's titles make `name` (or its surname) a man or a woman; undefined when unknown or mixed. */
  genderOf(name: string): Gender | undefined {
    const byName = this.genders.get(name);
    if (byName !== undefined) return byName ?? undefined;
    return this.genders.get(name.split(' ').pop() ?? name) ?? undefined;
  }

  /**
   * The person "the president" (or the governor, the senator, the doctor …) stands for at `at`:
   * the one the article gave that title before, when exactly one person had it; else null.
   */
  roleHolder(role: string, at: number): string | null {
    const titled = this.byRole.get(ROLE_ABBREVIATIONS.get(role) ?? role) ?? [];
    const holders = titled.filter((holder) => holder.start < at);
    // "President Obama" is completed only by a full name the article also gives that title: "Malia and
    // Sasha Obama's" names a daughter, not the president.
    const completed = (written: string, full: string): string => (full === written || titled.some((holder) => nameText(holder.run) === full) ? full : written);
    const names = new Set(holders.map((holder) => completed(nameText(holder.run), this.resolve(nameText(holder.run), holder.start))));
    return names.size === 1 ? [...names][0]! : null;
  }

  /** Whether `at` lies on a headline-style line ("Mara Lind Wins Harbour Race Again"). */
  inHeadline(at: number): boolean {
    // Lines are recorded in order: a binary search keeps a file of many title-case lines cheap.
    let low = 0;
    let high = this.headlines.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const line = this.headlines[middle]!;
      if (at < line.start) high = middle - 1;
      else if (at >= line.end) low = middle + 1;
      else return true;
    }
    return false;
  }

  /** The full name a one-word mention at `at` stands for: the latest introduced before it, else the first after. */
  resolve(name: string, at: number): string {
    // Acronyms (AMD, NATO) name organisations, not the surname of a person named in full.
    if (name.includes(' ') || /^[\p{Lu}\d]+$/u.test(name)) return name;
    const candidates = this.byWord.get(name);
    if (!candidates) return name;
    // A surname is a person's last word: "Trump" is Donald Trump, not the Trump Tower named after him.
    const asSurname = candidates.filter((candidate) => surnameOf(candidate.name) === name);
    // Two people of one surname ("Jesse Jackson Jr." and his father "Jesse Jackson"): the text does not say which.
    if (this.isSharedSurname(name)) return name;
    // "President Trump" beside "Donald Trump Jr.": the titled surname may be the father.
    if (this.people.has(name) && asSurname.some((candidate) => surnameOf(candidate.name) !== lastWord(candidate.name))) return name;
    const pool = asSurname.length > 0 ? asSurname : candidates;
    const before = pool.filter((candidate) => candidate.at < at);
    return (before[before.length - 1] ?? pool[0]!).name;
  }

  /** Whether two people of the article have this surname ("Bill Clinton", "Hillary Clinton"). */
  isSharedSurname(name: string): boolean {
    let shared = this.shared.get(name);
    if (shared === undefined) {
      const names = [...new Set((this.byWord.get(name) ?? []).filter((candidate) => surnameOf(candidate.name) === name).map((candidate) => candidate.name))];
      // One person when each name joins the first through names that agree ("Bettie Page" joins
      // "Bettie Mae Page" and "Notorious Bettie Page").
      const reached = new Set(names.slice(0, 1));
      for (let grew = true; grew; ) {
        grew = false;
        for (const other of names) {
          if (!reached.has(other) && [...reached].some((one) => samePerson(one, other))) {
            reached.add(other);
            grew = true;
          }
        }
      }
      shared = reached.size < names.length;
      this.shared.set(name, shared);
    }
    return shared;
  }

  /** Whether the person's surname (or the one-word name) is one two people of the article share. */
  sharesSurname(name: string): boolean {
    return this.isSharedSurname(surnameOf(name));
  }

  /** The surnames of the full names the article gives people: names wherever they stand. */
  surnames(): string[] {
    return [...this.byWord].filter(([word, names]) => names.some((entry) => surnameOf(entry.name) === word)).map(([word]) => word);
  }

  /** Whether a one-word name is a surname of a person named in full somewhere in the article. */
  isPerson(name: string): boolean {
    return name.includes(' ') ? !isOrganisation(name) : this.byWord.has(name) || this.people.has(name);
  }
}
