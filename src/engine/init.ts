import { initShell } from './shell/parser.js';

let ready: Promise<void> | undefined;

/** Loads the shell parser's WASM once; every classify entry point awaits it. */
export function initEngine(): Promise<void> {
  const r: Promise<void> = ready ?? initShell();
  ready = r;
  return r;
}
