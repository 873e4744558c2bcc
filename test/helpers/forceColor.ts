// Imported first by component tests that assert on emphasis: Ink's chalk decides on colour when it
// loads, and the test runner's output is not a terminal.
process.env.FORCE_COLOR = '1';
