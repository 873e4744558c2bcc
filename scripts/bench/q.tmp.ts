import { extractQuotes } from '../../src/core/quotes/extract.js';
const text = process.argv[2]!;
for (const quote of extractQuotes({ text, source: 'x', story: null })) console.log(JSON.stringify({ text: quote.text.slice(0, 40), speaker: quote.speaker, evidence: quote.speakerEvidence }));
