/**
 * Which field of a record (a JSON Lines object, a CSV row) holds the text, the title, the outlet...
 * The names scrapers use are recognised without flags; `--fields text=body,story=cluster_id`
 * names any other.
 */

/** What a record can tell about an article. */
export const FIELD_KEYS = ['text', 'title', 'outlet', 'date', 'url', 'story', 'storyName', 'id'] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** A field name per key; the first one present (and not empty) in a record wins. */
export type FieldMap = Record<FieldKey, readonly string[]>;

/**
 * The recognised names, best first: news-please (maintext, title, date_publish, source_domain,
 * url), trafilatura (text, title, date, sitename, source), BASIL (text, outlet, date, url,
 * cluster_id, main-event, doc_id), ECB+ (text, cluster_id, doc_id), Reuters-21578 (body, title,
 * date_iso, date), and common export names (content, media_name, publish_date, event).
 * trafilatura's `source` is a URL, so it is read as one only when it looks like one.
 */
export const DEFAULT_FIELDS: FieldMap = {
  text: ['text', 'maintext', 'body', 'content', 'article', 'raw_text'],
  title: ['title', 'headline', 'headline_guess'],
  outlet: ['outlet', 'source_domain', 'sitename', 'site_name', 'media_name', 'publisher', 'host'],
  date: ['date_publish', 'publish_date', 'published', 'date_iso', 'date', 'pubdate', 'published_at'],
  url: ['url', 'canonical_url', 'link', 'source'],
  story: ['story', 'cluster_id', 'event', 'story_id', 'event_id'],
  storyName: ['story_name', 'story_title', 'main-event', 'main_event', 'event_name'],
  id: ['id', 'doc_id', 'docid', 'article_id', 'uuid'],
};

/** A --fields value that cannot be used: the command line is wrong (exit 2). */
export class FieldsError extends Error {
  override name = 'FieldsError';
}

const KEY_ALIASES: Record<string, FieldKey> = {
  text: 'text',
  title: 'title',
  outlet: 'outlet',
  date: 'date',
  url: 'url',
  story: 'story',
  'story-name': 'storyName',
  storyname: 'storyName',
  id: 'id',
};

/** Parses `text=body,story=cluster_id` into the keys it names (each to one field). */
export function parseFieldsOption(spec: string): Partial<Record<FieldKey, string>> {
  const mapping: Partial<Record<FieldKey, string>> = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    const name = (equals < 0 ? part : part.slice(0, equals)).trim().toLowerCase();
    const field = equals < 0 ? '' : part.slice(equals + 1).trim();
    const key = KEY_ALIASES[name];
    if (key === undefined) {
      throw new FieldsError(`--fields: unknown key "${name}" (known: ${Object.keys(KEY_ALIASES).filter((alias) => alias !== 'storyname').join(', ')})`);
    }
    if (field === '') throw new FieldsError(`--fields: "${part.trim()}" names no field (write ${name}=FIELD)`);
    mapping[key] = field;
  }
  return mapping;
}

/** The default names with each key given in `mapping` replaced by its one field. */
export function fieldMapOf(mapping: Partial<Record<FieldKey, string>> = {}): FieldMap {
  const map = { ...DEFAULT_FIELDS };
  for (const key of FIELD_KEYS) {
    const field = mapping[key];
    if (field !== undefined) map[key] = [field];
  }
  return map;
}

/** The metadata found in one record; text null when the record has none. */
export interface RecordFields {
  text: string | null;
  title: string | null;
  outlet: string | null;
  date: string | null;
  url: string | null;
  story: string | null;
  storyName: string | null;
  id: string | null;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

const LOOKS_LIKE_URL = /^https?:\/\/\S+$/i;

/** Reads the keys of `map` from one record (a parsed JSON object or a CSV row by column name). */
export function readFields(record: Record<string, unknown>, map: FieldMap): RecordFields {
  const pick = (key: FieldKey): string | null => {
    for (const name of map[key]) {
      if (!Object.hasOwn(record, name)) continue;
      const value = scalarText(record[name]);
      if (value === null) continue;
      // trafilatura's `source` is the page's address; BASIL's is an outlet code ("fox").
      if (key === 'url' && name === 'source' && !LOOKS_LIKE_URL.test(value.trim())) continue;
      return value;
    }
    return null;
  };
  const oneLine = (value: string | null): string | null => (value === null ? null : value.replace(/\s+/g, ' ').trim());
  return {
    text: pick('text'),
    title: oneLine(pick('title')),
    outlet: oneLine(pick('outlet')),
    date: oneLine(pick('date')),
    url: oneLine(pick('url')),
    story: oneLine(pick('story')),
    storyName: oneLine(pick('storyName')),
    id: oneLine(pick('id')),
  };
}

/** Which fields a --fields mapping named that no record of the corpus had: a usage error. */
export class FieldUse {
  private readonly seen = new Set<string>();
  constructor(private readonly mapping: Partial<Record<FieldKey, string>>) {}

  note(record: Record<string, unknown>): void {
    for (const field of Object.values(this.mapping)) if (Object.hasOwn(record, field)) this.seen.add(field);
  }

  /** The mapped fields never seen, as `key=field`. */
  missing(): string[] {
    return Object.entries(this.mapping)
      .filter(([, field]) => !this.seen.has(field))
      .map(([key, field]) => `${key === 'storyName' ? 'story-name' : key}=${field}`);
  }
}
