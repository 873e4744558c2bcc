/**
 * Without a terminal: stdout to a pipe or a closed pipe, stdin from /dev/null, no controlling
 * terminal at all. Subcommands work or fail with one line; the workbench says it needs a terminal.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { BIN, temporaryCorpus } from '../helpers/corpus.js';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the program with the given stdin and options, stdout and stderr piped. */
function run(args: readonly string[], options: { stdin?: 'devnull' | 'pipe'; detached?: boolean } = {}): Run {
  const devNull = options.stdin === 'devnull' ? openSync('/dev/null', 'r') : null;
  try {
    const stdio: StdioOptions = [devNull ?? 'pipe', 'pipe', 'pipe'];
    const result = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      stdio,
      input: devNull === null ? '' : undefined,
      // detached: the child starts a new session, so it has no controlling terminal at all.
      ...(options.detached ? { detached: true } : {}),
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    if (devNull !== null) closeSync(devNull);
  }
}

/** The command names `crosscheck --help` lists, so that commands added later are covered too. */
function listedCommands(): string[] {
  const help = runCli(['--help']).stdout;
  const section = help.split(/\nCommands:\n/)[1]?.split(/\n\n/)[0] ?? '';
  return section.split('\n').map((line) => line.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

function assertOneLineError(result: Run, pattern: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line:\n${result.stderr}`);
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /\bat .*:\d+:\d+/, 'no stack trace');
}

describe('subcommands without a terminal', () => {
  it('lists its commands, each with --help', () => {
    const commands = listedCommands();
    assert.ok(commands.includes('search') && commands.includes('sources'), commands.join(', '));
    for (const command of commands) {
      const help = run([command, '--help'], { stdin: 'devnull' });
      assert.equal(help.status, 0, `${command} --help: ${help.stderr}`);
      assert.match(help.stdout, new RegExp(`Usage: crosscheck ${command}`));
    }
  });

  it('print plain text to a pipe (no escape sequence at all), stdin from /dev/null or a pipe', () => {
    for (const stdin of ['devnull', 'pipe'] as const) {
      // Commands that need an argument get a real one; the rest run bare.
      const withArguments: Record<string, string[]> = { search: ['search', 'Hua Chunying'], compare: ['compare', 'Twitter removed 170,000 accounts'] };
      // `index` writes to a database named by --db: db-command.test.ts runs it through a pipe.
      for (const args of listedCommands()
        .filter((name) => name !== 'index')
        .map((name) => withArguments[name] ?? [name])) {
        const result = run(args, { stdin });
        assert.ok(result.status === 0 || result.status === 1, `${args.join(' ')} < ${stdin}: exit ${result.status} ${result.stderr}`);
        assert.ok(!result.stdout.includes('\u001b'), `${args.join(' ')} wrote an escape sequence to a pipe`);
        assert.equal(result.stderr, '', `${args.join(' ')}: ${result.stderr}`);
      }
    }
    assert.match(run(['search', 'Hua Chunying'], { stdin: 'devnull' }).stdout, /^corpus\/\d{3}_[0-9a-f]{16}\.txt:\d+: .*Hua Chunying/m);
  });

  it('work with no controlling terminal at all', () => {
    const result = run(['search', "'amplifier", '--json'], { stdin: 'devnull', detached: true });
    assert.equal(result.status, 0, result.stderr);
    assert.ok((JSON.parse(result.stdout) as { results: unknown[] }).results.length > 0);
  });

  it('end quietly, exit 0, when the reader closes the pipe early (| head -1)', async () => {
    const sentences = Array.from({ length: 6000 }, (_, index) => `Report ${index} said the count rose again.`).join(' ');
    const folder = temporaryCorpus({ 'long.txt': `${sentences}\n` });
    try {
      const child = spawn(process.execPath, [BIN, 'search', "'Report", '--limit', '6000', '--corpus', folder.root], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Read the first chunk only, then close the pipe while the program still has most to write.
      const firstChunk = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
      assert.match(firstChunk, /^\/.*\/long\.txt:1: Report/);
      assert.equal(code, 0);
      assert.equal(stderr, '', 'no EPIPE error, no stack trace');
    } finally {
      folder.cleanup();
    }
  });

  it('survive a closed stdout (>&-) without a stack trace', () => {
    const result = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" search Hua >&-`], { encoding: 'utf8' });
    assert.ok(result.status === 0 || result.status === 2, `exit ${result.status}: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /\bat .*:\d+:\d+/, 'no stack trace');
    assert.ok(result.stderr.trimEnd().split('\n').length <= 1, result.stderr);
  });
});

describe('the workbench without a terminal', () => {
  it('explains in one line that it needs a terminal: stdin /dev/null, stdin a pipe, no controlling terminal', () => {
    for (const options of [{ stdin: 'devnull' }, { stdin: 'pipe' }, { stdin: 'devnull', detached: true }] as const) {
      const result = run([], options);
      assertOneLineError(result, /needs a terminal.*crosscheck search/);
      assert.equal(result.stdout, '', 'nothing drawn, no escape sequences');
    }
  });

  it('reports usage errors before it needs the terminal', () => {
    assertOneLineError(run(['--bogus'], { stdin: 'devnull' }), /--bogus/);
    assertOneLineError(run(['frobnicate'], { stdin: 'devnull' }), /unknown command "frobnicate"/);
  });
});
