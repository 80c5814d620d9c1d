/** Bad input on the command line: exit 2 with one line on stderr (cli-contract.md). */
export class UsageError extends Error {
  override name = 'UsageError';
}
