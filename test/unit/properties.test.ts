/**
 * Property-based tests (fast-check) on arbitrary Unicode: the decoder, the loader, the sentence
 * splitter and the quote extractor never throw, and every citation points at its own text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeBytes, normalizeText } from '../../src/core/decode.js';
import { CorpusError, loadCorpus } from '../../src/core/load.js';
import { joinLines, passagesOf } from '../../src/core/passages.js';
import { splitDocument } from '../../src/core/sentences.js';
import { extractQuotes } from '../../src/core/quotes/extract.js';
import { neutralize, terminalSafeJson } from '../../src/core/sanitize.js';
import type { Corpus } from '../../src/core/types.js';
import { fit, highlightSegments, segmentsWidth, stringWidth, truncateSegments, wrapSegments } from '../../src/ui/text.js';
import { temporaryCorpus } from '../helpers/corpus.js';
import { HOSTILE_ARTICLE, TERMINAL_ACTIVE } from '../helpers/hostile.js';

/** Pieces news text is made of, the ones the splitter and quote finder look at most. */
const NEWS_PIECES = [
  '.', '!', '?', '…', '...', '"', '“', '”', '‘', '’', "'", '«', '»', '(', ')', ',', ':', '—',
  ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r', '    ', 'U.S.', 'Dr.', 'Inc.', 'Jan. 5', '2.6', 'J.',
  'said', 'Hua said', 'said Hua', 'according to', 'The', 'She', 'China', 'accounts',
];

/** Text with arbitrary Unicode (any code point, lone surrogates, combining marks) among news pieces. */
const newsText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...NEWS_PIECES) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    ),
    { maxLength: 80, size: 'medium' },
  )
  .map((pieces) => pieces.join(''));

/** The text as the loader would hold it: LF line ends, NFC, a final newline. */
const normalizedText = newsText.map((text) => normalizeText(text).text);

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

describe('decoding arbitrary bytes', () => {
  it('never throws; decoded text is NFC, LF-only, and ends in one newline', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const result = decodeBytes(bytes);
        if (!result.ok) return assert.match(result.reason, /binary|UTF-16/);
        assert.ok(!result.text.includes('\r'));
        assert.equal(result.text, result.text.normalize('NFC'));
        if (result.text.length > 0) assert.ok(result.text.endsWith('\n'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the sentence splitter on arbitrary text', () => {
  it('never throws; sentences are ordered, disjoint, trimmed and inside their paragraph', () => {
    fc.assert(
      fc.property(normalizedText, (text) => {
        let previousEnd = 0;
        for (const { paragraph, sentences } of splitDocument(text)) {
          assert.ok(paragraph.start >= previousEnd && paragraph.end <= text.length && paragraph.start < paragraph.end);
          for (const sentence of sentences) {
            assert.ok(sentence.start >= Math.max(previousEnd, paragraph.start), 'in order, inside the paragraph');
            assert.ok(sentence.end <= paragraph.end && sentence.start < sentence.end);
            assert.doesNotMatch(text[sentence.start]!, /\s/, 'starts trimmed');
            assert.doesNotMatch(text[sentence.end - 1]!, /\s/, 'ends trimmed');
            previousEnd = sentence.end;
          }
          previousEnd = paragraph.end;
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('passages cite a line within the file and hold the text found at their place', () => {
    fc.assert(
      fc.property(normalizedText, (text) => {
        for (const passage of passagesOf(text, 'source', null, 0)) {
          assert.ok(passage.line >= 1 && passage.line <= lineCount(text), `line ${passage.line} of ${lineCount(text)}`);
          assert.equal(passage.line, lineOfOffset(text, passage.start));
          assert.equal(passage.text, joinLines(text.slice(passage.start, passage.end)));
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the loader on arbitrary files', () => {
  it('never throws but a CorpusError; every passage is within its file and found at its line on disk', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(newsText, { minLength: 1, maxLength: 3 }), async (texts) => {
        const folder = temporaryCorpus(Object.fromEntries(texts.map((text, index) => [`article-${index}.txt`, text])));
        try {
          let corpus: Corpus;
          try {
            corpus = await loadCorpus(folder.root);
          } catch (error) {
            assert.ok(error instanceof CorpusError, String(error));
            return;
          }
          for (const passage of corpus.passages) {
            const document = corpus.documents.find((candidate) => candidate.source === passage.source)!;
            assert.ok(passage.line >= 1 && passage.line <= document.lines);
            assert.equal(passage.text, joinLines(document.text.slice(passage.start, passage.end)));
            // On disk (as written, before normalising), the cited line holds the passage's first line.
            const onDisk = texts[Number(passage.source.replace('article-', ''))]!;
            const diskLine = Buffer.from(onDisk, 'utf8').toString('utf8').replace(/^\ufeff/, '').split(/\r\n|\r|\n/)[passage.line - 1];
            const firstLine = document.text.slice(passage.start, passage.end).split('\n')[0]!;
            assert.ok(diskLine !== undefined && diskLine.normalize('NFC').includes(firstLine), `${passage.source}:${passage.line}`);
          }
        } finally {
          folder.cleanup();
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the quote extractor on arbitrary text', () => {
  it('never throws; every quote sits inside the text, on the line of its opening mark, with its words', () => {
    fc.assert(
      fc.property(normalizedText, (text) => {
        for (const quote of extractQuotes({ source: 'source', story: null, text })) {
          const { span } = quote;
          assert.ok(span.openMark < span.start && span.start <= span.end && span.end <= text.length);
          if (span.closeMark !== null) assert.ok(span.closeMark >= span.end && span.closeMark < text.length);
          assert.ok(quote.line >= 1 && quote.line <= lineCount(text));
          assert.equal(quote.line, lineOfOffset(text, span.openMark));
          const inside = text.slice(span.start, span.end);
          for (const word of quote.text.split(/\s+/).filter(Boolean)) {
            assert.ok(inside.includes(word), `"${word}" of the quote is not in its span`);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('layout in terminal columns on arbitrary Unicode (CJK, emoji, combining marks)', () => {
  const displayed = fc
    .array(fc.oneof(newsText, fc.constantFrom('中国外交部发言人华春莹', '🎉', '👩‍💻', 'e\u0301', '한국어', 'x'.repeat(300))), { maxLength: 6 })
    .map((pieces) => pieces.join(' '));

  // From two columns up: a wide character cannot fit in one.
  it('fit, truncate and wrap never exceed the width they are given', () => {
    fc.assert(
      fc.property(displayed, fc.integer({ min: 2, max: 120 }), (text, width) => {
        const segments = highlightSegments(text, [], false);
        assert.ok(stringWidth(fit(neutralize(text), width, '…')) <= width);
        assert.ok(segmentsWidth(truncateSegments(segments, width, '…')) <= width);
        for (const line of wrapSegments(highlightSegments(text, [], false), width)) {
          assert.ok(segmentsWidth(line) <= width, `a wrapped line is wider than ${width}`);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('wrapping keeps every character, in order', () => {
    fc.assert(
      fc.property(displayed, fc.integer({ min: 2, max: 120 }), (text, width) => {
        const safe = neutralize(text);
        const wrapped = wrapSegments([{ text: safe, style: 'plain' }], width).map((line) => line.map((segment) => segment.text).join(''));
        assert.equal(wrapped.join('').replace(/ /g, ''), safe.replace(/ /g, ''));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('neutralising arbitrary Unicode', () => {
  const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), newsText, fc.constantFrom(HOSTILE_ARTICLE));

  it('leaves nothing terminal-active in plain text, in either marker set', () => {
    fc.assert(
      fc.property(anything, fc.boolean(), fc.boolean(), (text, ascii, keepNewlines) => {
        const safe = neutralize(text, { ascii, keepNewlines });
        assert.doesNotMatch(safe.replace(/\n/g, ''), TERMINAL_ACTIVE);
        if (!keepNewlines) assert.ok(!safe.includes('\n'));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps JSON exact while escaping every terminal-active character', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const json = terminalSafeJson(JSON.stringify({ text }, null, 2));
        assert.doesNotMatch(json.replace(/\n/g, ''), TERMINAL_ACTIVE);
        assert.equal((JSON.parse(json) as { text: string }).text, text);
      }),
      { numRuns: 2000 },
    );
  });
});
