/**
 * The long-running subcommands and their one-line descriptions, apart from their flags: `mwi --help`
 * lists them from here without loading the modules that declare their flags (zod schemas).
 */
export const LONG_RUNNING_COMMANDS = {
  serve: 'Browser mode: the engine (receiver, tunnel, sandbox) and the UI on 127.0.0.1, until Ctrl-C.',
  sandbox: 'A local emulator of the Maximizer CRM Webhooks API, on its own, until Ctrl-C.',
  'tunnel-server': 'A localtunnel-protocol server, for tests and self-hosting, until Ctrl-C.',
  bench: 'Measure the speed targets (receiver, Changes diff, shapes, UI at scale) and print them with their goals.',
} as const;
