/**
 * Hostile terminals, end to end: sizes, resizes, NO_COLOR / TERM=dumb / LANG=C, signals, Ctrl-Z and
 * fg, and a hostile corpus, all run in a pseudo-terminal and read through a terminal emulator.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test, type TestContext } from 'node:test';
import { temporaryCorpus } from '../helpers/corpus.js';
import { folderSnapshot, HOSTILE_ARTICLE } from '../helpers/hostile.js';
import { startTerminal, type Terminal, type TerminalOptions } from '../helpers/terminal.js';

const CTRL_Z = '\u001a';
const CTRL_C = '\u0003';
const ENTER = '\r';
/** The bundled corpus's facts on the status line (cut short on narrow screens). */
const READY = /5 sources|104 pass/;

/** The terminal modes `stty -a` printed after the program: cooked (icanon) and echoing again. */
function assertRestored(terminal: Terminal): void {
  assert.equal(terminal.alternateScreen, false, 'the main screen is back');
  assert.ok(terminal.cursorVisible, 'the cursor is visible again');
  const modes = terminal.screen();
  assert.match(modes, /(^|\s)icanon(\s|$)/m, 'canonical (cooked) mode is back, raw mode is off');
  assert.match(modes, /(^|\s)echo(\s|$)/m, 'echo is back');
}

/** Every SGR parameter list (`ESC [ ... m`) the program wrote. */
function sgrSequences(output: string): string[][] {
  return [...output.matchAll(/\u001b\[([\d;:]*)m/g)].map((match) => (match[1] ?? '').split(/[;:]/));
}

/** Whether an SGR sets a foreground or background colour. */
function setsColour(parameters: readonly string[]): boolean {
  return parameters.some((parameter) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(parameter));
}

async function started(t: TestContext, options: TerminalOptions): Promise<Terminal | null> {
  const terminal = startTerminal(t, options);
  if (!terminal) return null;
  await terminal.waitFor((screen) => READY.test(screen), 'the corpus loaded');
  return terminal;
}

/** Asserts the workbench fills the screen: tab bar on top, status line last, nothing too wide. */
function assertFullFrame(terminal: Terminal, cols: number, rows: number): void {
  const lines = terminal.lines();
  assert.equal(lines.length, rows);
  assert.match(lines[0] ?? '', /Search/, `the tab bar is on the first row:\n${terminal.screen()}`);
  assert.ok(lines.some((line) => READY.test(line)), `the status line is shown:\n${terminal.screen()}`);
  const statusRow = lines.findIndex((line) => READY.test(line));
  assert.equal(statusRow, rows - 1, `the status line is on the last row, none left blank:\n${terminal.screen()}`);
  for (const line of lines) assert.ok(line.length <= cols, `a row is wider than ${cols}: ${line}`);
  assert.deepEqual(terminal.wrappedRows(), [], `no row ran past the right edge:\n${terminal.screen()}`);
}

/** The status line: the row with the corpus facts. */
function statusLine(terminal: Terminal): string {
  return terminal.lines().find((line) => READY.test(line) || /sources/.test(line)) ?? '';
}

/**
 * Visits every pane in the tab bar (panes added later included) with its number key, leaving a
 * focused query line first (digits typed there are text), and runs `check` on each.
 */
async function visitPanes(terminal: Terminal, check: (label: string) => void | Promise<void>): Promise<string[]> {
  const tabs = [...(terminal.lines()[0] ?? '').matchAll(/(\d) (\p{L}+)/gu)].map((match) => [match[1]!, match[2]!] as const);
  for (const [digit, label] of tabs) {
    await showPane(terminal, digit, label);
    await check(label);
  }
  return tabs.map(([, label]) => label);
}

/** Switches pane with its number key, first leaving a focused query line (a digit there is text). */
async function showPane(terminal: Terminal, digit: string, label: string): Promise<void> {
  if (/^ ?\p{L}+ \S query/u.test(statusLine(terminal))) {
    terminal.write(ENTER);
    await terminal.waitFor(() => !/^ ?\p{L}+ \S query/u.test(statusLine(terminal)), 'the query line left');
  }
  terminal.write(digit);
  await terminal.waitFor(() => statusLine(terminal).trimStart().startsWith(label), `the ${label} pane`);
}

for (const [cols, rows] of [[80, 24], [60, 20], [200, 50]] as const) {
  test(`renders fully at ${cols}x${rows}: query, results, preview, status line`, async (t) => {
    const terminal = await started(t, { cols, rows });
    if (!terminal) return;
    assertFullFrame(terminal, cols, rows);
    await terminal.type('biggest victim', 5);
    // Four results, and the preview of the first: the query line shows the words a fifth time.
    await terminal.waitFor((text) => /4\/104/.test(text) && text.split('\n').filter((line) => /biggest/.test(line)).length >= 6, 'four results and a preview');
    assertFullFrame(terminal, cols, rows);
    terminal.write(ENTER);
    await terminal.waitFor((text) => /Search \S results/.test(text), 'the results focused');
    terminal.write('?');
    await terminal.waitFor((text) => /Help/.test(text) && /quit/.test(text), 'the help overlay');
    terminal.write('x');
    await terminal.waitFor((text) => !/any other key closes/.test(text), 'help closed');
    const visited = await visitPanes(terminal, async (label) => {
      // Each pane's first frame can arrive in parts; the status line is drawn last.
      await terminal.waitFor(() => READY.test(statusLine(terminal)), `${label} drawn`);
      assertFullFrame(terminal, cols, rows);
    });
    assert.ok(visited.includes('Search'), visited.join(', '));
    // Ctrl-C: the last pane may have its query line focused, where q is text.
    terminal.write(CTRL_C);
    assert.deepEqual(await terminal.exit(), { exitCode: 0, signal: 0 });
  });
}

test('below 60x16 the screen says it is too small, and recovers when enlarged', async (t) => {
  const terminal = startTerminal(t, { cols: 50, rows: 12 });
  if (!terminal) return;
  await terminal.waitForText('Terminal too small: 50x12');
  terminal.resize(59, 30);
  await terminal.waitForText('Terminal too small: 59x30');
  terminal.resize(80, 24);
  await terminal.waitFor((screen) => READY.test(screen) && !/too small/.test(screen), 'the workbench at 80x24');
  assertFullFrame(terminal, 80, 24);
  terminal.resize(60, 15);
  await terminal.waitForText('Terminal too small: 60x15');
  terminal.resize(60, 16);
  await terminal.waitFor((screen) => READY.test(screen) && !/too small/.test(screen), 'the workbench at 60x16');
  assertFullFrame(terminal, 60, 16);
  // Every pane fits the minimum size.
  await visitPanes(terminal, async (label) => {
    await terminal.waitFor(() => READY.test(statusLine(terminal)), `${label} drawn`);
    assertFullFrame(terminal, 60, 16);
  });
});

test('a resize and back while the program is busy: the screen is drawn again, query and results as they were', async (t) => {
  const terminal = await started(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  await terminal.type('Twitter', 5);
  const answered = /› Twitter\s+\d+\/104/;
  await terminal.waitFor((screen) => answered.test(screen) && READY.test(screen), 'the query answered');
  const before = await terminal.quiet();
  // Stopped, the program reads the size only once it runs again: the same as before, so Node
  // emits no 'resize', while the terminal cut its screen to 40x10 meanwhile.
  process.kill(terminal.process.pid, 'SIGSTOP');
  terminal.resize(40, 10);
  terminal.resize(80, 24);
  assert.notEqual(terminal.screen(), before, 'the terminal itself changed the screen');
  process.kill(terminal.process.pid, 'SIGCONT');
  await terminal.waitFor((screen) => screen === before, 'the screen as it was before the resizes');
});

test('resizing while a search runs leaves the same screen as a fresh start at the final size', async (t) => {
  const resized = await started(t, { cols: 80, rows: 24 });
  const fresh = await started(t, { cols: 120, rows: 40 });
  if (!resized || !fresh) return;
  const query = 'Twitter accounts';
  for (const [index, char] of Array.from(query).entries()) {
    resized.write(char);
    // A resize between keystrokes, while the previous keystroke's search is still running. Every
    // size is one the workbench draws at: a key that arrives while the terminal is too small is
    // dropped by design ("only q quits"), so a smaller size here made the test race its own keys
    // (once, in CI, every key came in while the workbench was at 45x10).
    const sizes = [[100, 30], [60, 16], [70, 20], [200, 50], [120, 40]] as const;
    const [cols, rows] = sizes[index % sizes.length]!;
    resized.resize(cols, rows);
  }
  resized.resize(120, 40);
  await fresh.type(query, 5);
  // The count right after the query, without the ellipsis that marks a search still running.
  const answered = new RegExp(`${query}\\s+(\\d+)/104`);
  const expected = await fresh.waitFor((screen) => answered.test(screen) && READY.test(screen), 'fresh results');
  const count = answered.exec(expected)?.[1];
  await resized.waitFor((screen) => answered.exec(screen)?.[1] === count && READY.test(screen), 'the same results after the resizes');
  await resized.waitFor((screen) => screen === fresh.screen(), 'the same screen as a fresh start');
  assert.equal(resized.screen(), fresh.screen());
});

test('NO_COLOR: no colour at all, matches still emphasised', async (t) => {
  const terminal = await started(t, { cols: 80, rows: 24, env: { NO_COLOR: '1' } });
  if (!terminal) return;
  await terminal.type('Hua', 5);
  await terminal.waitForText('Hua Chunying');
  await visitPanes(terminal, async (label) => {
    await terminal.waitFor(() => READY.test(statusLine(terminal)), `${label} drawn`);
  });
  const sequences = sgrSequences(terminal.output);
  assert.equal(sequences.filter(setsColour).length, 0, 'no SGR sets a colour');
  assert.ok(sequences.some((parameters) => parameters.some((parameter) => ['1', '4', '7'].includes(parameter))), 'bold, underline or inverse marks matches');
  assert.match(terminal.screen(), /[─│›…]/, 'Unicode drawing stays');
});

for (const env of [{ TERM: 'dumb' }, { LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined }]) {
  const name = Object.entries(env).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}`).join(' ');
  test(`${name}: ASCII instead of box drawing and ellipses`, async (t) => {
    const terminal = await started(t, { cols: 80, rows: 24, env });
    if (!terminal) return;
    await terminal.type('victim', 5);
    await terminal.waitForText('biggest victim');
    const screen = terminal.screen();
    // The articles' own curly quotes stay; the workbench's own drawing is ASCII.
    assert.doesNotMatch(screen, /[─│›…↑↓¶⍰␛]/, `ASCII drawing:\n${screen}`);
    assert.match(screen, /-{20,}/, 'the rule is drawn with hyphens');
    assert.match(screen, /\.\.\./, 'cut text ends with three dots');
    const coloured = sgrSequences(terminal.output).filter(setsColour).length;
    if (env.TERM === 'dumb') assert.equal(coloured, 0, 'a dumb terminal gets no colour');
    else assert.ok(coloured > 0, 'LANG=C keeps colour');
  });
}

test('a light background: no white, yellow or grey text anywhere', async (t) => {
  const terminal = await started(t, { cols: 100, rows: 30 });
  if (!terminal) return;
  await terminal.type('Twitter', 5);
  // The typed query answered (not the 104/104 of the empty one), then Enter and ? as two keys: a
  // burst of typing with a line break inside would read as a paste.
  await terminal.waitFor((screen) => /› Twitter +[1-9]\d?\/104/.test(screen), 'results');
  terminal.write(ENTER);
  await terminal.waitFor((screen) => /Search . results/.test(screen), 'the results focused');
  terminal.write('?');
  await terminal.waitForText('quit');
  terminal.write(ENTER);
  await terminal.waitFor(() => !/Help/.test(statusLine(terminal)), 'help closed');
  await visitPanes(terminal, async (label) => {
    await terminal.waitFor(() => READY.test(statusLine(terminal)), `${label} drawn`);
  });
  // Dim (SGR 2) stays allowed: it greys the terminal's own foreground, dark on a light background.
  const unreadable = new Set(['33', '37', '90', '93', '97']);
  const offending = sgrSequences(terminal.output).filter((parameters) =>
    parameters.some((parameter, index) => unreadable.has(parameter) && parameters[index - 1] !== '38' && parameters[index - 2] !== '38'),
  );
  assert.deepEqual(offending, [], 'colours that vanish on white');
  assert.ok(sgrSequences(terminal.output).some(setsColour), 'colours are on at all');
});

test('SIGTERM restores the terminal', async (t) => {
  const terminal = await started(t, { cols: 80, rows: 24, reportModesAfterExit: true });
  if (!terminal) return;
  await terminal.type('victim', 5);
  await terminal.waitForText('biggest victim');
  terminal.signal('SIGTERM');
  await terminal.waitForText('EXIT=143');
  await terminal.exit();
  assertRestored(terminal);
});

test('SIGHUP with the terminal still there (kill -HUP) restores it', async (t) => {
  const terminal = await started(t, { cols: 80, rows: 24, reportModesAfterExit: true });
  if (!terminal) return;
  terminal.signal('SIGHUP');
  await terminal.waitForText('EXIT=129');
  await terminal.exit();
  assertRestored(terminal);
});

// Every fatal signal a program can catch (src/core/signals.ts) ends it by that same signal, the terminal restored.
for (const [signal, status] of [['SIGUSR2', 140], ['SIGALRM', 142], ['SIGQUIT', 131], ['SIGVTALRM', 154]] as const) {
  test(`${signal} restores the terminal and ends with status ${status}`, async (t) => {
    const terminal = await started(t, { cols: 80, rows: 24, reportModesAfterExit: true });
    if (!terminal) return;
    await terminal.type('victim', 5);
    await terminal.waitForText('biggest victim');
    terminal.signal(signal);
    await terminal.waitForText(`EXIT=${status}`);
    await terminal.exit();
    assertRestored(terminal);
  });
}

test('SIGUSR2 ends the program by that signal itself, as a parent process sees it', async (t) => {
  const terminal = await started(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  terminal.signal('SIGUSR2');
  assert.equal((await terminal.exit()).signal, 12);
  assert.equal(terminal.alternateScreen, false, 'the main screen is back');
  assert.ok(terminal.cursorVisible, 'the cursor is visible again');
});

test('SIGUSR2 while the first frame is up (before the workbench has loaded) restores the terminal too', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24, reportModesAfterExit: true });
  if (!terminal) return;
  // Sent as soon as the plain first frame shows; whichever phase catches it must restore the terminal.
  await terminal.waitForText('crosscheck: starting on');
  terminal.signal('SIGUSR2');
  await terminal.waitForText('EXIT=140');
  await terminal.exit();
  assertRestored(terminal);
});

test('a dropped connection (the terminal closed under it) ends the program as a hangup, without a crash', async (t) => {
  const terminal = await started(t, { cols: 80, rows: 24 });
  if (!terminal) return;
  await terminal.type('victim', 5);
  await terminal.waitForText('biggest victim');
  terminal.hangUp();
  // Killed by SIGHUP (1), not aborted (6) or crashed (11) by Node failing to reset the lost terminal.
  assert.equal((await terminal.exit()).signal, 1);
});

test('an uncaught error restores the terminal and says what happened', async (t) => {
  // A module preloaded into the program throws from a signal handler: an error nobody catches.
  const injectFailure = "--import=data:text/javascript,process.on('SIGUSR2',()=>{throw(Error(`injected_failure`))})";
  const terminal = await started(t, { cols: 80, rows: 24, reportModesAfterExit: true, env: { NODE_OPTIONS: injectFailure } });
  if (!terminal) return;
  terminal.signal('SIGUSR2');
  await terminal.waitForText('EXIT=70');
  await terminal.exit();
  assertRestored(terminal);
  assert.match(terminal.screen(), /crosscheck: unexpected error: Error: injected_failure/);
});

test('Ctrl-Z suspends to the shell with the terminal restored; fg redraws everything', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24, interactiveShell: true });
  if (!terminal) return;
  await terminal.waitForText('$');
  terminal.write(`${terminal.command}${ENTER}`);
  await terminal.waitFor((screen) => READY.test(screen), 'the corpus loaded');
  await terminal.type('victim', 5);
  await terminal.waitForText('biggest victim');

  terminal.write(CTRL_Z);
  await terminal.waitFor((screen) => /Stopped/i.test(screen) && !terminal.alternateScreen, 'the shell reports the stopped job');
  assert.ok(terminal.cursorVisible, 'the cursor is visible at the shell prompt');
  terminal.write(`stty -a${ENTER}`);
  await terminal.waitFor((screen) => /(^|\s)icanon(\s|$)/m.test(screen), 'the shell runs in cooked mode');

  // The window is resized while the job is stopped: the resize signal goes to the shell, not to us.
  terminal.resize(100, 30);
  terminal.write(`fg${ENTER}`);
  const redrawn = await terminal.waitFor(
    (screen) => terminal.alternateScreen && READY.test(screen.split('\n')[29] ?? '') && /biggest victim/.test(screen) && /victim/.test(screen.split('\n')[1] ?? ''),
    'the whole workbench drawn again at the new size, query kept',
  );
  assertFullFrame(terminal, 100, 30);
  assert.doesNotMatch(redrawn, /Stopped|stty|icanon/, 'nothing of the shell shows through');
  assert.ok(!terminal.cursorVisible, 'the cursor is hidden again');
  // Keys work again (raw mode is back): a new query, then quit.
  terminal.write('\u0015');
  await terminal.type('Hua', 5);
  await terminal.waitForText('Hua Chunying');
  terminal.write(CTRL_C);
  await terminal.waitFor((screen) => !terminal.alternateScreen && /\$\s*$/m.test(screen), 'back at the prompt');
  terminal.write(`exit${ENTER}`);
  await terminal.exit();
});

test('a stop signal sent from outside (kill -TSTP) restores the terminal too; fg redraws', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24, interactiveShell: true });
  if (!terminal) return;
  await terminal.waitForText('$');
  terminal.write(`${terminal.command}${ENTER}`);
  await terminal.waitFor((screen) => READY.test(screen), 'the corpus loaded');
  await terminal.type('victim', 5);
  await terminal.waitForText('biggest victim');

  // The program is the shell's only child: stop it alone, as `kill -TSTP PID` from elsewhere would.
  const program = Number(execFileSync('pgrep', ['-P', String(terminal.process.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
  process.kill(program, 'SIGTSTP');
  await terminal.waitFor((screen) => /Stopped/i.test(screen) && !terminal.alternateScreen, 'the shell reports the stopped job');
  assert.ok(terminal.cursorVisible, 'the cursor is visible at the shell prompt');
  terminal.write(`stty -a${ENTER}`);
  await terminal.waitFor((screen) => /(^|\s)icanon(\s|$)/m.test(screen), 'the shell runs in cooked mode');

  terminal.write(`fg${ENTER}`);
  await terminal.waitFor((screen) => terminal.alternateScreen && READY.test(screen) && /biggest victim/.test(screen), 'the workbench drawn again, query kept');
  assert.ok(!terminal.cursorVisible, 'the cursor is hidden again');
  terminal.write('\u0015');
  await terminal.type('Hua', 5);
  await terminal.waitForText('Hua Chunying');
  terminal.write(CTRL_C);
  await terminal.waitFor((screen) => !terminal.alternateScreen && /\$\s*$/m.test(screen), 'back at the prompt');
  terminal.write(`exit${ENTER}`);
  await terminal.exit();
});

test('a hostile corpus cannot drive the terminal: escapes, OSC 52/0/8, C1, bidi and zero-width show as markers', async (t) => {
  const folder = temporaryCorpus({
    'hostile.txt': HOSTILE_ARTICLE,
    'quoted.txt': 'Hua said: “Delete \u001b]52;c;cHduZWQ=\u0007 the \u202eaccounts\u202c now.” She added: “Twitter \u001b[2J must act.”\n',
    'wide.txt': [
      '中国外交部发言人华春莹说推特应该关闭账号。 Officials 🎉 cheered the removal of accounts.',
      '',
      `A long ${'x'.repeat(3000)} word and a long line ${'words in a row '.repeat(200)}end.`,
      '',
    ].join('\n'),
  });
  t.after(() => folder.cleanup());
  const before = folderSnapshot(folder.root);
  const terminal = startTerminal(t, { cols: 80, rows: 24, args: ['--corpus', folder.root] });
  if (!terminal) return;
  await terminal.waitForText('3 sources');
  for (const query of ["'clipboard", "'link", "'Bidi", "'C1", "'Zero", "'cursor", '华春莹', "'long"]) {
    terminal.write('\u0015');
    await terminal.type(query, 5);
    await terminal.waitFor(
      (screen) => (screen.split('\n')[1] ?? '').includes(`${query} `) && /[^…][1-9]\d*\/\d+\s*$/m.test(screen.split('\n')[1] ?? '') && /3 sources/.test(screen),
      `results for ${query}`,
    );
    const lines = terminal.lines();
    for (const line of lines) assert.ok(line.length <= 80, `a row wider than the terminal for ${query}: ${line}`);
    assert.match(lines[23] ?? '', /3 sources/, `the status line stays in place for ${query}:\n${terminal.screen()}`);
    assert.deepEqual(terminal.wrappedRows(), [], `no row ran past the right edge for ${query}:\n${terminal.screen()}`);
    if (query === "'clipboard") assert.match(terminal.screen(), /␛\]52;c;ZWNob/, 'the escape shows as a marker');
  }
  // Every pane shows the same corpus: none may pass its text to the terminal raw.
  await visitPanes(terminal, async (label) => {
    await terminal.waitFor(() => /3 sources/.test(statusLine(terminal)), `${label} drawn`);
    assert.deepEqual(terminal.wrappedRows(), [], `${label}: no row past the right edge:\n${terminal.screen()}`);
  });
  await showPane(terminal, '1', 'Search');
  terminal.write(ENTER);
  terminal.write(ENTER);
  await terminal.waitFor((screen) => /x{40}/.test(screen), 'the long word in the preview');
  const raw = terminal.output;
  for (const [what, sequence] of [
    ['OSC 52 clipboard write', '\u001b]52'],
    ['OSC 0 title change', '\u001b]0;pwned'],
    ['OSC 8 link', '\u001b]8;;https://evil'],
    ['colour code from the text', '\u001b[31mred'],
    ['cursor move from the text', '\u001b[10;10H'],
    ['C1 CSI', '\u009b'],
    ['C1 OSC', '\u009d'],
    ['bidi override', '\u202e'],
    ['bidi isolate', '\u2066'],
    ['zero-width space', '\u200b'],
    ['tag characters', '\u{e0049}'],
    ['screen clear from the text', '\u001b[2J must'],
  ] as const) {
    assert.ok(!raw.includes(sequence), `${what} reached the terminal`);
  }
  assert.deepEqual(terminal.titles, [], 'the window title never changed');
  terminal.write(CTRL_C);
  await terminal.exit();
  assert.deepEqual(folderSnapshot(folder.root), before, 'nothing was written into the corpus folder');
});

test('in a real terminal with stdout or stdin redirected, the workbench refuses in one line and leaves the screen alone', async (t) => {
  const terminal = startTerminal(t, { cols: 80, rows: 24, interactiveShell: true });
  if (!terminal) return;
  await terminal.waitForText('$');
  terminal.write(`${terminal.command} >/dev/null; echo "EXIT=$?"${ENTER}`);
  await terminal.waitForText('EXIT=2');
  terminal.write(`${terminal.command} </dev/null; echo "EXIT=$?"${ENTER}`);
  await terminal.waitFor((screen) => screen.split('EXIT=2').length === 3, 'the second refusal');
  const screen = terminal.screen();
  assert.equal(screen.match(/crosscheck: the workbench needs a terminal/g)?.length, 2, screen);
  assert.ok(!terminal.output.includes('\u001b[?1049h'), 'the alternate screen was never entered');
  terminal.write(`exit${ENTER}`);
  await terminal.exit();
});

test('a corpus that is not there is said on stderr with exit 2, before any full screen; its path shown inert', async (t) => {
  const hostilePath = '/nonexistent/\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007\u001b[2J';
  const terminal = startTerminal(t, { cols: 80, rows: 24, args: ['--corpus', hostilePath] });
  if (!terminal) return;
  const report = await terminal.exit();
  assert.equal(report.exitCode, 2);
  assert.ok(!terminal.output.includes('\u001b[?1049h'), 'the alternate screen never opened');
  assert.match(terminal.screen(), /crosscheck: corpus \/nonexistent\/␛\]0;pwned␇.*not found/s, 'the message stays, the path with markers');
  assert.deepEqual(terminal.titles, [], 'the window title never changed');
  assert.ok(!terminal.output.includes('\u001b]52') && !terminal.output.includes('\u001b]0;pwned'), 'no OSC from the path reached the terminal');
});

test('a corpus folder that cannot load (no articles) ends the workbench: the message on the main screen, exit 2', async (t) => {
  const folder = temporaryCorpus({ 'notes.pdf': 'not an article\n' });
  try {
    const terminal = startTerminal(t, { cols: 80, rows: 24, args: ['--corpus', folder.root] });
    if (!terminal) return;
    await terminal.waitFor((screen) => /crosscheck: corpus/.test(screen) && !terminal.alternateScreen, 'the message on the main screen', 30_000);
    const report = await terminal.exit();
    assert.equal(report.exitCode, 2);
    assert.equal(terminal.alternateScreen, false, 'the main screen is back');
    assert.match(terminal.screen(), /crosscheck: corpus .*no article files/);
  } finally {
    folder.cleanup();
  }
});
